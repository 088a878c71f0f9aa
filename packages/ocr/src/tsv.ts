import type { Box } from './types.js';

/** A word as Tesseract reports it, in the pixels of the image it was given. */
export interface RawWord {
  text: string;
  /** 0–100, as Tesseract prints it. */
  conf: number;
  box: Box;
  line: number;
}

const WORD_LEVEL = '5';
/** Words without a letter or digit are icons, borders and rules read as glyphs ("|", "—", "©"): noise. */
const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * Tesseract's TSV output (the same columns from tesseract.js and the `tesseract` CLI): level, page, block,
 * paragraph, line, word, left, top, width, height, conf, text. Lines are numbered in the order they come.
 */
export function parseTsv(tsv: string): RawWord[] {
  const words: RawWord[] = [];
  const lines = new Map<string, number>();
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c[0] !== WORD_LEVEL || c.length < 12) continue;
    const text = c.slice(11).join('\t').trim();
    if (!MEANINGFUL.test(text)) continue;
    const key = `${c[1]}.${c[2]}.${c[3]}.${c[4]}`;
    if (!lines.has(key)) lines.set(key, lines.size);
    words.push({
      text,
      conf: Math.max(0, Number(c[10])),
      box: { x: Number(c[6]), y: Number(c[7]), w: Number(c[8]), h: Number(c[9]) },
      line: lines.get(key)!,
    });
  }
  return words;
}
