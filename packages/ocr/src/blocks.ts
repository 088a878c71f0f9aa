import type { Box } from './types.js';

/**
 * Text blocks of a flattened image (flatten.ts: backgrounds white, everything else dark by its contrast): a
 * recursive XY cut at blank rows and wide blank columns, so each block is a line of text or a label (or an icon,
 * an image). Reads are split into blocks so that a block whose pixels were read before is not read again
 * (read-cache.ts).
 */
/** Darker than this (0–255, flattened) is ink; anti-aliased fringes of light text are ~230–250. */
const INK = 224;
/** A blank gap between two blocks' columns: at least this share of the height of what it splits, within bounds.
 * Words in a line are ~0.3 em apart, UI elements on one row much more. */
const COL_GAP_SHARE = 0.75;
const MIN_COL_GAP = 8;
const MAX_COL_GAP = 24;
/** Blocks smaller than this either way hold no letter (specks, rules). */
const MIN_SIDE = 3;
const MAX_DEPTH = 8;

export function textBlocks(px: Uint8Array, w: number, h: number): Box[] {
  const out: Box[] = [];
  cut(px, w, { x: 0, y: 0, w, h }, 0, out);
  return out;
}

function inkRow(px: Uint8Array, w: number, y: number, x0: number, x1: number): boolean {
  const row = y * w;
  for (let x = x0; x < x1; x++) if (px[row + x]! < INK) return true;
  return false;
}

function inkCol(px: Uint8Array, w: number, x: number, y0: number, y1: number): boolean {
  for (let y = y0; y < y1; y++) if (px[y * w + x]! < INK) return true;
  return false;
}

/** Runs of `true` in `ink`, split at gaps of at least `gap` falses: [start, end) pairs. */
function runs(ink: boolean[], gap: number): [number, number][] {
  const found: [number, number][] = [];
  let start = -1;
  let lastInk = -1;
  for (let i = 0; i < ink.length; i++) {
    if (!ink[i]) continue;
    if (start < 0) start = i;
    else if (i - lastInk - 1 >= gap) (found.push([start, lastInk + 1]), (start = i));
    lastInk = i;
  }
  if (start >= 0) found.push([start, lastInk + 1]);
  return found;
}

function cut(px: Uint8Array, w: number, b: Box, depth: number, out: Box[]): void {
  const rows = runs(Array.from({ length: b.h }, (_, i) => inkRow(px, w, b.y + i, b.x, b.x + b.w)), 1);
  if (rows.length === 0) return;
  if (rows.length > 1 && depth < MAX_DEPTH) {
    for (const [s, e] of rows) cut(px, w, { x: b.x, y: b.y + s, w: b.w, h: e - s }, depth + 1, out);
    return;
  }
  const [rs, re] = rows[0]!;
  const band = { x: b.x, y: b.y + rs, w: b.w, h: re - rs };
  const gap = Math.min(MAX_COL_GAP, Math.max(MIN_COL_GAP, Math.round(band.h * COL_GAP_SHARE)));
  const cols = runs(Array.from({ length: band.w }, (_, i) => inkCol(px, w, band.x + i, band.y, band.y + band.h)), gap);
  if (cols.length > 1 && depth < MAX_DEPTH) {
    for (const [s, e] of cols) cut(px, w, { x: band.x + s, y: band.y, w: e - s, h: band.h }, depth + 1, out);
    return;
  }
  const [cs, ce] = cols[0]!;
  const leaf = { x: band.x + cs, y: band.y, w: ce - cs, h: band.h };
  if (leaf.w >= MIN_SIDE && leaf.h >= MIN_SIDE) out.push(leaf);
}
