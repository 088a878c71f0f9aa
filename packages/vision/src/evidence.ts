import type { FrameAction } from '@claude-scope/contracts';
import { distanceTo, type Box } from './geometry.js';
import type { Line } from './lines.js';

// What inference reads off a keyframe's change, shared by the rules (typing, clicks, changes in words).

/** A pointer this close to a label (px) when the change began was on it. */
export const POINTER_REACH = 30;
/** A changed part of the screen smaller than this share of it is a control, not a view. */
export const SMALL_REGION = 0.03;
/** A changed region this small (share of the screen) can be a field being typed into (or two: focus moving on). */
export const FIELD_REGION = 0.08;
/** A line worth naming: a caret or an I-beam pointer read as "I" or "|" is not; a digit (a counter) is. */
export const isWordy = (text: string) => text.trim().length > 1 || /\d/.test(text);

/** A control's busy label, no value typed: it ends in an ellipsis ("Saving…", "Signing in..."). */
export const isBusy = (text: string) => {
  const t = text.trimEnd();
  return t.endsWith('...') || t.endsWith('…');
};

export interface Pair {
  before: Line;
  after: Line;
}

export interface Delta {
  appeared: Line[];
  disappeared: Line[];
  changed: Pair[];
  /** Lines whose text stayed but whose pixels changed: a pressed, focused or hovered control. */
  restyled: Line[];
}

/**
 * Lines replaced or gone, this many between two keyframes, with new ones (two replaced, or two that appeared): a new
 * view (not a value typed, not a control pressed). Typing replaces one line, its field's, whatever hints and errors
 * go with it.
 */
const SWAPPED_LINES = 4;
export const viewSwapped = (d: Delta) => d.changed.length + d.disappeared.length >= SWAPPED_LINES && (d.changed.length >= 2 || d.appeared.length >= 2);

/** A field's label: the nearest short line left of it on its row, or just above it. */
export function labelOf(field: Box, lines: readonly Line[]): string | undefined {
  const candidates = lines.filter((l) => {
    const short = l.text.length <= 40 && l.text.split(/\s+/).length <= 5;
    const left = Math.abs(l.box.y - field.y) <= field.h && l.box.x + l.box.w <= field.x + 2 && field.x - (l.box.x + l.box.w) <= 200;
    const above = l.box.y + l.box.h <= field.y + 2 && field.y - (l.box.y + l.box.h) <= 45 && Math.abs(l.box.x - field.x) <= 60;
    return short && (left || above);
  });
  candidates.sort((p, q) => distanceTo(p.box, field) - distanceTo(q.box, field));
  return candidates[0]?.text.replace(/[:*]+$/, '').trim() || undefined;
}

/** An action found on a keyframe, with the box of what it acted on (a field's value, a control's label). */
export interface Found {
  action: FrameAction & { type: 'fill' | 'click' };
  box: Box;
  confidence: number;
}

