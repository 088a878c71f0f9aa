import type { FrameAction } from '@claude-scope/contracts';
import { maskScreenText, MASK } from '@claude-scope/secrets';
import type { Box } from './geometry.js';
import { samePlace, type Line } from './lines.js';

type Fill = Extract<FrameAction, { type: 'fill' }>;

/**
 * A field's value as OCR reads it while the field has focus carries what is drawn over it: the caret (read as "|"
 * or "I" at either end) and the I-beam pointer resting on the text. Those glyphs, at the value's ends, are dropped.
 */
export function cleanValue(text: string): string {
  const t = text
    .replace(/^[|¦]+\s*|^[I|]\s+(?=\S)/, '')
    .replace(/\s*[|¦]+$/, '')
    .trim();
  // The caret right after the last letter is read as a closing bracket too ("Renew passport]"): one that closes
  // nothing is dropped.
  return t.endsWith(']') && !t.includes('[') ? t.slice(0, -1).trim() : t;
}

/**
 * A control's label as OCR reads it: a checkbox, radio button or switch drawn left of it comes out as a short run
 * of brackets or round letters ("[J Remember me", "O Renew passport", "@Q Compact mode"). Dropped when a real
 * word follows.
 */
export function cleanLabel(text: string): string {
  const m = /^(\S{1,3})\s+(?=[A-Za-z][a-z])/.exec(text);
  if (m && /^(?:[[\](){}<>|@©®]\S{0,2}|[OoQ0@]{1,2}|\S*[[\](){}<>|@]\S*)$/.test(m[1]!)) return text.slice(m[0].length);
  return text;
}

/** Edit distance of two short strings (bounded by their lengths, ≤ 200 here). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The same value read twice, once less cleanly (a letter or two misread under the caret or the I-beam). */
export function sameValue(a: string, b: string): boolean {
  const [x, y] = [norm(a).slice(0, 200), norm(b).slice(0, 200)];
  if (!x || !y) return false;
  return distance(x, y) <= Math.max(1, Math.floor(0.3 * Math.max(x.length, y.length)));
}

/**
 * `after` is `before` read again less well, not a new text: about as long, most letters the same (a button's label
 * under the pointer read "Marga! read" for "Mark all read"). A piece of it is not: a value cut short is typing.
 */
export function misread(before: string, after: string): boolean {
  const [x, y] = [norm(before).slice(0, 200), norm(after).slice(0, 200)];
  return y.length <= x.length && y.length >= 0.75 * x.length && distance(x, y) <= 0.4 * x.length;
}

interface Tracked {
  action: Fill;
  box: Box;
  confidence: number;
  /** The keyframe that made it: only later keyframes read it again. */
  index: number;
  /** The keyframe on which the field showed something else (cleared: the value sent on): only where it went counts. */
  left?: number;
}

/**
 * The fields typed into, watched on later keyframes: the value read while the field had focus is often misread
 * (the caret, the focus ring, the I-beam over it), and the last characters typed are often on no keyframe at all.
 * A later keyframe that shows the field again — unfocused, the pointer gone — reads its value more surely; one
 * where the field was cleared (a form sent with Enter) may show the value where it went (a new list item, a
 * message), on it or on the next one or two (OCR reads a list item that just slid in partly at first). Either
 * corrects the fill the lane already returned (the action object is updated in place).
 */
export class FieldValues {
  private tracked: Tracked[] = [];

  track(action: Fill, box: Box, confidence: number, index: number): void {
    this.tracked = this.tracked.filter((t) => !samePlace(t.box, box));
    if (action.value === MASK) return; // a secret is never read back
    this.tracked.push({ action, box, confidence, index });
  }

  /** Whether a field typed into (and not yet left for another value) is at this place. */
  typedAt(box: Box): boolean {
    return this.tracked.some((t) => t.left === undefined && samePlace(t.box, box));
  }

  /** The name of the field typed into at this place, if it has one. */
  nameAt(box: Box): string | undefined {
    return this.tracked.find((t) => t.left === undefined && samePlace(t.box, box) && t.action.name)?.action.name;
  }

  /** Whether `text` is a value typed into a field that was then cleared (sent on): it shows where the value went. */
  sent(text: string): boolean {
    const n = norm(cleanLabel(text));
    // (The value less its last letter, often lost under the caret: three letters at least.)
    return this.tracked.some((t) => t.left !== undefined && cleanValue(t.action.value).length >= 4 && n.startsWith(norm(cleanValue(t.action.value)).slice(0, -1)));
  }

  /** A keyframe read: `lines` what the screen shows now, `fresh` the lines new or changed on it. */
  refine(lines: readonly Line[], fresh: readonly Line[], index: number): void {
    this.tracked = this.tracked.filter((t) => {
      if (t.index >= index) return true;
      const now = cleanValue(t.action.value);
      if (t.left !== undefined) return !this.went(t, now, fresh) && index - t.left < WENT_KEYFRAMES;
      const at = lines.find((l) => samePlace(l.box, t.box) && Math.abs(l.box.x - t.box.x) <= Math.max(l.box.h, t.box.h));
      if (!at) return true;
      const value = cleanValue(at.text);
      if (sameValue(value, now) || (value.length > now.length && norm(value).startsWith(norm(now)))) {
        if (at.confidence > t.confidence || value.length > now.length) {
          t.action.value = maskScreenText(value);
          t.confidence = at.confidence;
          t.box = at.box;
        }
        return true;
      }
      // The field shows something else (cleared to its placeholder, a new value): what was typed may have gone
      // into a new line below it, whole.
      t.left = index;
      return !this.went(t, now, fresh);
    });
  }

  /** The value found whole where it went: the fill takes it (true). */
  private went(t: Tracked, now: string, fresh: readonly Line[]): boolean {
    if (now.length < 3) return false;
    const went = fresh.find((l) => !samePlace(l.box, t.box) && norm(cleanLabel(l.text)).startsWith(norm(now)));
    if (went) t.action.value = maskScreenText(cleanLabel(went.text));
    return !!went;
  }
}

/** How many keyframes after a field was cleared its value may still show up whole where it went. */
const WENT_KEYFRAMES = 3;

/**
 * The same text read twice: equal, or one a misread of the other (a letter lost at an edge: "assword" and
 * "Password"; split by a hover shade or the pointer over light text on a dark surface: "R etry" and "Retry").
 * Such a pair is the control restyled, not its text changed.
 */
export function sameText(a: string, b: string): boolean {
  // A checkbox or switch beside the label toggled: its glyph is read differently, the label is the same.
  const [x, y] = [norm(cleanLabel(a)), norm(cleanLabel(b))];
  if (x.replace(/ /g, '') === y.replace(/ /g, '')) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 4 && long.length - short.length <= 2 && long.includes(short);
}
