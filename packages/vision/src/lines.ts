import { bottom, right, union, type Box } from './geometry.js';

/** How a word looks, as the reader measured it (the OCR package's `Look`): colours 0–255 RGB, stroke width in px. */
export interface Look {
  ground: readonly [number, number, number];
  ink: readonly [number, number, number];
  stroke: number;
}

/** One word as OCR read it, in the frame's pixels. */
export interface Word {
  text: string;
  /** 0–1 */
  confidence: number;
  box: Box;
  look?: Look;
}

/** Words on one baseline, close together: a label, a sentence, a field's value. */
export interface Line {
  text: string;
  box: Box;
  confidence: number;
  /** Its widest word's look, where the reader measured looks. */
  look?: Look;
}

/** Words below this confidence are OCR noise (edges, icons, artefacts) rather than text. */
export const MIN_WORD_CONFIDENCE = 0.45;

/**
 * A password field's dots: OCR reads a row of them as bullets, or (with almost no confidence) as a run of one
 * round letter — "ssssssss", "eeeeeee", "oooooo". Kept whatever the confidence, and never shown as text.
 */
export function looksLikeDots(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  if (t.length < 4 || t.length > 64) return false;
  if (/^[•●∙·*]+$/u.test(t)) return true;
  if (t.length < 8 || !/^[•●∙·*.oOsSeEcCa]+$/u.test(t)) return false;
  const counts = new Map<string, number>();
  for (const c of t.toLowerCase()) counts.set(c, (counts.get(c) ?? 0) + 1);
  return Math.max(...counts.values()) >= 0.6 * t.length;
}
/** Cap on words per frame: the grouping below is quadratic in the words of one row at worst. */
const MAX_WORDS = 4000;

/**
 * Groups words into lines: same row (vertical overlap of at least half the smaller height) and a horizontal gap
 * under ~1.2 × the text height — so a toolbar's separate buttons stay separate lines. Reading order.
 */
export function toLines(words: readonly Word[]): Line[] {
  const kept = words
    .filter((w) => (w.confidence >= MIN_WORD_CONFIDENCE || looksLikeDots(w.text)) && w.text.trim() !== '' && w.box.w > 0 && w.box.h > 0)
    .slice(0, MAX_WORDS)
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  const rows: Word[][] = [];
  for (const w of kept) {
    const row = rows.find((r) => sameRow(r[0]!.box, w.box));
    if (row) row.push(w);
    else rows.push([w]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.box.x - b.box.x);
    let cur: Word[] = [];
    const flush = () => {
      if (cur.length === 0) return;
      const box = cur.map((w) => w.box).reduce(union);
      const confidence = cur.reduce((s, w) => s + w.confidence, 0) / cur.length;
      const look = cur.filter((w) => w.look).sort((a, b) => b.box.w - a.box.w)[0]?.look;
      lines.push({ text: cur.map((w) => w.text.trim()).join(' '), box, confidence, ...(look ? { look } : {}) });
      cur = [];
    };
    for (const w of row) {
      const last = cur.at(-1);
      if (last && w.box.x - right(last.box) > 1.2 * Math.max(last.box.h, w.box.h)) flush();
      cur.push(w);
    }
    flush();
  }
  return lines.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

function sameRow(a: Box, b: Box): boolean {
  const overlap = Math.min(bottom(a), bottom(b)) - Math.max(a.y, b.y);
  return overlap >= 0.5 * Math.min(a.h, b.h);
}

/** Two lines at the same place (the same field or label, before and after a change). */
export function samePlace(a: Box, b: Box): boolean {
  const overlapY = Math.min(bottom(a), bottom(b)) - Math.max(a.y, b.y);
  const overlapX = Math.min(right(a), right(b)) - Math.max(a.x, b.x);
  return overlapY >= 0.5 * Math.min(a.h, b.h) && (overlapX > 0 || Math.abs(a.x - b.x) <= Math.max(a.h, b.h));
}
