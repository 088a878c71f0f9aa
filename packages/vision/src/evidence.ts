import type { FrameAction } from '@claude-scope/contracts';
import { maskScreenText } from '@claude-scope/secrets';
import { urlFromText } from './chrome.js';
import { cleanLabel } from './fields.js';
import { area, distanceTo, type Box } from './geometry.js';
import type { KeyframeReading, Scene } from './infer.js';
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
/** A control's label worth naming: wordy, and a small part of the screen (not a heading of a view). */
export const controlLabel = (l: Line, scene: { width: number; height: number }) => isWordy(l.text) && area(l.box) < SMALL_REGION * scene.width * scene.height;

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
  /** Each restyled line as it was read before, where known (its earlier look). */
  was?: ReadonlyMap<Line, Line>;
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

/**
 * A keyframe's change as the click rules read it: the page's lines before and after it, the labels known so far, the
 * change in words, the changed regions (grown a little), the keyframe and the previous one's time, and the field a
 * box lies in (by the values typed so far).
 */
export interface Change {
  before: readonly Line[];
  after: readonly Line[];
  labels: readonly Line[];
  d: Delta;
  regions: readonly Box[];
  scene: Scene;
  r: KeyframeReading;
  prevTs: number;
  fieldAt(b: Box): string | undefined;
}

/** An action found on a keyframe, with the box of what it acted on (a field's value, a control's label). */
export interface Found {
  action: FrameAction & { type: 'fill' | 'click' };
  box: Box;
  confidence: number;
}

/** Labels of buttons, links, tabs and menu items rarely run longer. */
export const MAX_LABEL_WORDS = 5;
/** A control's label or a menu's option: short. */
export const isShort = (text: string) => text.length <= 40 && text.split(/\s+/).length <= MAX_LABEL_WORDS;

/** A click on the control labelled `text` (its box), at `when`. */
export const made = (text: string, box: Box, confidence: number, when: number, role?: string): Found => ({
  action: { t: when, type: 'click', role: role ?? roleOf(cleanLabel(text)), name: maskScreenText(cleanLabel(text)), source: 'video', confidence: round(confidence) },
  box,
  confidence,
});

const round = (x: number) => Math.round(x * 100) / 100;

/** Links read as addresses or sentences; anything short is a button (the replay falls back to the text). */
const roleOf = (text: string) => (urlFromText(text) || text.split(/\s+/).length > 4 ? 'link' : 'button');

/** Two boxes on the same row: a click on a field's placeholder and the value typed there. */
export const rowOf = (a: Box, b: Box) => Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) >= 0.4 * Math.min(a.h, b.h);

/** A field's focus ring as a changed region: a small band, wider than tall, as inputs are. */
export const fieldShaped = (g: Box, scene: { width: number; height: number }) => area(g) <= FIELD_REGION * scene.width * scene.height && g.h <= 200 && g.w >= 2 * Math.min(g.h, 100);

/** The field at a point of its focus ring, named by its label (left of it or above): its row's box and name. */
export function fieldIn(ring: Box, p: { x: number; y: number }, labels: readonly Line[]): { name: string; box: Box } | null {
  // The field's row: the ring's width at the point's height (a ring can hold its label too, or two fields).
  const row = { x: ring.x, y: Math.round(p.y - FIELD_ROW / 2), w: ring.w, h: FIELD_ROW };
  const name = labelOf(row, labels.filter((l) => distanceTo(l.box, p) > 2));
  return name ? { name: cleanLabel(name), box: row } : null;
}

/** Height of a text field's row (px at 720p): the label above it is within labelOf's reach of its top. */
const FIELD_ROW = 32;
