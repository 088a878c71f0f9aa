import { textBlocks } from './blocks.js';
import { toPgm, type Flattened } from './image.js';
import { cropPixels, samePixels, type BlockPixels, type BlockWord, type ReadCache } from './read-cache.js';
import type { RawWord } from './tsv.js';
import type { Box, OcrWord } from './types.js';

/** White around each block in the sheet Tesseract reads (screen pixels): room for its layout analysis. */
const PAD = 8;
/** Past this many blocks the area is not UI text (a photo, noise): read it as it is. */
const MAX_BLOCKS = 800;

/**
 * Reads a flattened area block by block (blocks.ts): blocks whose pixels the cache knows take its words; the
 * others (each distinct one once) are stacked on one white sheet, a block per row band, and read in one
 * recognition; their words go back to their blocks and into the cache. Null when the area is not worth
 * splitting (too many blocks): the caller reads it whole.
 */
export async function readByBlocks(
  f: Flattened,
  cache: ReadCache,
  recognize: (pgm: Buffer, scale: number) => Promise<RawWord[]>,
): Promise<OcrWord[] | null> {
  const blocks = textBlocks(f.px, f.area.w, f.area.h);
  if (blocks.length > MAX_BLOCKS) return null;
  const pixels = blocks.map((b) => cropPixels(f.px, f.area.w, b));
  const words: (BlockWord[] | null)[] = pixels.map((p) => cache.find(p));
  // Distinct blocks to read: the same label repeated (a row's "Delete" buttons) is read once.
  const sheet: number[] = [];
  const sameAs = new Map<number, number>();
  for (let i = 0; i < blocks.length; i++) {
    if (words[i]) continue;
    const twin = sheet.find((j) => samePixels(pixels[j]!, pixels[i]!));
    if (twin !== undefined) sameAs.set(i, twin);
    else sheet.push(i);
  }
  if (sheet.length > 0) {
    const read = await readSheet(sheet.map((i) => pixels[i]!), f.scale, recognize);
    sheet.forEach((i, k) => {
      words[i] = read[k]!;
      cache.add(pixels[i]!, read[k]!);
    });
    for (const [i, j] of sameAs) words[i] = words[j]!;
  }
  const out: OcrWord[] = [];
  let line = 0;
  blocks.forEach((b, i) => {
    const ws = words[i]!;
    for (const w of ws) out.push({ text: w.text, confidence: w.confidence, box: shift(w.box, f.area.x + b.x, f.area.y + b.y), line: line + w.line });
    line += ws.reduce((m, w) => Math.max(m, w.line + 1), 0);
  });
  return out;
}

function shift(b: Box, dx: number, dy: number): Box {
  const x0 = Math.round(b.x + dx);
  const y0 = Math.round(b.y + dy);
  return { x: x0, y: y0, w: Math.round(b.x + dx + b.w) - x0, h: Math.round(b.y + dy + b.h) - y0 };
}

/** Blocks stacked on one white sheet, read at once; each block's words, boxes relative to the block. */
async function readSheet(blocks: BlockPixels[], scale: number, recognize: (pgm: Buffer, scale: number) => Promise<RawWord[]>): Promise<BlockWord[][]> {
  const width = Math.max(...blocks.map((b) => b.w)) + 2 * PAD;
  const tops: number[] = [];
  let height = 0;
  for (const b of blocks) (tops.push(height + PAD), (height += b.h + 2 * PAD));
  const px = new Uint8Array(width * height).fill(255);
  blocks.forEach((b, k) => {
    for (let y = 0; y < b.h; y++) px.set(b.px.subarray(y * b.w, (y + 1) * b.w), (tops[k]! + y) * width + PAD);
  });
  const p = await toPgm(px, width, height, scale);
  const raw = await recognize(p.pgm, p.scale);
  const out: BlockWord[][] = blocks.map(() => []);
  const lines: Map<number, number>[] = blocks.map(() => new Map());
  for (const w of raw) {
    const box = { x: w.box.x / p.scale, y: w.box.y / p.scale, w: w.box.w / p.scale, h: w.box.h / p.scale };
    const cy = box.y + box.h / 2;
    // The block whose band (block and padding) holds the word's centre.
    let k = 0;
    while (k + 1 < blocks.length && cy >= tops[k + 1]! - PAD) k++;
    const ls = lines[k]!;
    if (!ls.has(w.line)) ls.set(w.line, ls.size);
    out[k]!.push({ text: w.text, confidence: w.conf / 100, box: { ...box, x: box.x - PAD, y: box.y - tops[k]! }, line: ls.get(w.line)! });
  }
  return out;
}
