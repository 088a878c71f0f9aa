import { isWordy, rowOf } from './evidence.js';
import { cleanLabel, cleanValue, sameText } from './fields.js';
import type { Box } from './geometry.js';
import { MIN_WORD_CONFIDENCE, toLines, type Line, type Word } from './lines.js';

/**
 * Text typed before a keyframe that no keyframe shows (a value submitted with Enter before it could settle), read
 * off the frame the video lane kept for it (its Keyframe.typed): only the strip left of where the caret stood.
 */
export interface TypedReading {
  /** Time of that frame. */
  timestamp: number;
  /** The frame is from after the last character typed; else from just before it (the last one or two missing). */
  whole: boolean;
  /** Where the typing caret stood (frame pixels). */
  x: number;
  y: number;
  /** Words read in `typedArea`. */
  words: Word[];
}

/** In 720p pixels (scaled to the frame): how far left of the caret a typed value can start, and the row's half height. */
const VALUE_REACH = 640;
const ROW_HALF = 16;
/** The caret stands just right of the last character: a line ending farther from it is other text on the row. */
const CARET_GAP = 28;

/** A word's end glued to a caret glyph ("]", "|"): OCR is unsure of the whole word ("plants]" at 0.24). */
const GLUED = /^(.*[\p{L}\p{N}])[\]|]$/u;
const GLUED_CONFIDENCE = 0.15;

/** The last word typed, read with the caret glued to it where the caret stood: the word, without the glyph. */
function caretCut(w: Word, r: TypedReading, gap: number): Word {
  const m = w.confidence >= GLUED_CONFIDENCE && w.confidence < MIN_WORD_CONFIDENCE ? GLUED.exec(w.text) : null;
  const atCaret = Math.abs(w.box.x + w.box.w - r.x) <= gap && r.y >= w.box.y - gap / 2 && r.y <= w.box.y + w.box.h + gap / 2;
  return m && atCaret ? { ...w, text: m[1]!, confidence: MIN_WORD_CONFIDENCE } : w;
}

/** What to read on the typed frame: the row the caret stood on, leftwards from it. */
export function typedArea(p: { x: number; y: number }, frame: { width: number; height: number }): Box {
  const k = frame.width / 1280;
  const x = Math.max(0, Math.round(p.x - VALUE_REACH * k));
  const y = Math.max(0, Math.round(p.y - ROW_HALF * k));
  const x1 = Math.min(frame.width, Math.round(p.x + CARET_GAP * k));
  const y1 = Math.min(frame.height, Math.round(p.y + ROW_HALF * k));
  return { x, y, w: Math.max(0, x1 - x), h: Math.max(0, y1 - y) };
}

/** The line that ends where the caret stood: the value typed (its text cleaned of the caret's own glyph). */
export function typedLine(r: TypedReading, frame: { width: number }): Line | undefined {
  const gap = CARET_GAP * (frame.width / 1280);
  let best: Line | undefined;
  let bestD = Infinity;
  for (const l of toLines(r.words.map((w) => caretCut(w, r, gap)))) {
    if (r.y < l.box.y - gap / 2 || r.y > l.box.y + l.box.h + gap / 2) continue;
    // Ending at the caret, and left of it (the I-beam pointer beside a caret is read as "IT" right of it).
    const d = Math.abs(l.box.x + l.box.w - r.x);
    if (d <= gap && d < bestD && l.box.x + l.box.w / 2 < r.x) [best, bestD] = [l, d];
  }
  if (!best) return undefined;
  const text = cleanValue(best.text);
  return text ? { ...best, text } : undefined;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The value typed before a keyframe, off its typed frame: the line ending at the caret (`typedLine`), unless the field
 * showed it before (the caret moved over text already there), or still shows it, or more (typing went on after that
 * frame): the keyframe's own reading tells that typing. A frame from before the last character counts only where the
 * keyframe shows the value whole (`shown`: lines that appeared or changed — an item added, a message sent).
 */
export function typedValue(r: TypedReading, before: readonly Line[], after: readonly Line[], shown: readonly Line[], frame: { width: number }): { line: Line; value: string } | null {
  const line = typedLine(r, frame);
  if (!line || !isWordy(line.text)) return null;
  const overlapsX = (l: Line) => Math.min(l.box.x + l.box.w, line.box.x + line.box.w) - Math.max(l.box.x, line.box.x) > 0;
  const inField = (l: Line) => rowOf(l.box, line.box) && overlapsX(l);
  const n = norm(line.text);
  if (before.some((l) => inField(l) && sameText(cleanValue(l.text), line.text))) return null;
  const stem = n.length > 4 ? n.slice(0, -2) : n;
  if (after.some((l) => inField(l) && norm(cleanValue(l.text)).startsWith(stem))) return null;
  if (r.whole) return { line, value: line.text };
  // Its last letter, unfinished or under the caret, may be misread too ("Prepare def" for "Prepare dem").
  const head = n.slice(0, -1);
  const whole = shown.map((l) => cleanLabel(l.text)).find((t) => norm(t).startsWith(head) && norm(t).length - n.length <= 3);
  return whole ? { line, value: whole } : null;
}
