import { readFileSync } from 'node:fs';

/** A visible word on a screenshot: its text as drawn and its box, in the image's pixels. */
export interface TruthWord {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Computed font size in image px, and whether the word sits in a button (white-on-colour labels). */
  fontPx: number;
  button: boolean;
}

/** The in-page collector (page-words.js): evaluate it as an expression, scale its CSS px to image px. */
export const PAGE_WORDS_SCRIPT = readFileSync(new URL('./page-words.js', import.meta.url), 'utf8');

export function toImagePx(words: TruthWord[], dpr: number, dy = 0): TruthWord[] {
  return words.map((w) => ({ ...w, x: w.x * dpr, y: w.y * dpr + dy, w: w.w * dpr, h: w.h * dpr, fontPx: w.fontPx * dpr }));
}

/**
 * Words drawn touching each other are one word on screen, whatever the DOM splits them into
 * ("app.example" + "/tasks?x=1" in two spans): merged, as a reader sees them.
 */
export function mergeTouching(words: TruthWord[]): TruthWord[] {
  const out: TruthWord[] = [];
  for (const w of words) {
    const prev = out.at(-1);
    if (prev && Math.abs(prev.y - w.y) < 2 && Math.abs(prev.h - w.h) < 2 && Math.abs(prev.x + prev.w - w.x) < 0.5) {
      out[out.length - 1] = { ...prev, text: prev.text + w.text, w: w.x + w.w - prev.x, button: prev.button && w.button };
    } else out.push(w);
  }
  return out;
}
