import type { Box } from '@claude-scope/ocr';
import type { TruthWord } from './truth.js';

export interface Counts {
  truth: number;
  read: number;
  matched: number;
}

/** Lower case, without the punctuation around a word ("Save," → "save"); '' for pure punctuation. */
export const normalize = (s: string) => s.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/**
 * A read word matches an unmatched truth word with the same normalized text whose box, grown by half its
 * height on every side, holds the read word's centre: right text at the right place. Case-insensitive.
 */
export function score(truth: TruthWord[], read: { text: string; box: Box }[]): Counts {
  const t = truth.map((w) => ({ w, n: normalize(w.text), used: false })).filter((x) => x.n);
  const r = read.map((w) => ({ w, n: normalize(w.text) })).filter((x) => x.n);
  let matched = 0;
  for (const { w, n } of r) {
    const cx = w.box.x + w.box.w / 2;
    const cy = w.box.y + w.box.h / 2;
    const hit = t.find((x) => {
      if (x.used || x.n !== n) return false;
      const g = x.w.h / 2;
      return cx >= x.w.x - g && cx <= x.w.x + x.w.w + g && cy >= x.w.y - g && cy <= x.w.y + x.w.h + g;
    });
    if (hit) {
      hit.used = true;
      matched++;
    }
  }
  return { truth: t.length, read: r.length, matched };
}

/** Truth words whose centre lies in `box` (what a region read should find). */
export const inside = (truth: TruthWord[], box: Box) =>
  truth.filter((w) => {
    const cx = w.x + w.w / 2;
    const cy = w.y + w.h / 2;
    return cx >= box.x && cx <= box.x + box.w && cy >= box.y && cy <= box.y + box.h;
  });

export const add = (a: Counts, b: Counts): Counts => ({ truth: a.truth + b.truth, read: a.read + b.read, matched: a.matched + b.matched });
export const ZERO: Counts = { truth: 0, read: 0, matched: 0 };
export const recall = (c: Counts) => (c.truth ? c.matched / c.truth : 0);
export const precision = (c: Counts) => (c.read ? c.matched / c.read : 0);
