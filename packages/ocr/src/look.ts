import type { Box, Look } from './types.js';

/** Colours are binned at 4 bits a channel to find the ground: codec noise stays in one bin, anti-aliasing does not. */
const BIN_SHIFT = 4;
/** Ink is the pixels this near the farthest from the ground (the stroke's core, not its anti-aliased edge). */
const INK_CORE = 0.7;
/** A pixel counts as stroke at half the farthest distance. */
const INK_EDGE = 0.5;
/** The farthest distance, robust to a few stray pixels (a caret, a speck of codec noise): this quantile. */
const FAR_QUANTILE = 0.98;

/**
 * How a word looks, from the RGB pixels of the area it was read in (`rgb`: `width` × `height` × 3, the word's `box`
 * in the same pixels): the colour it sits on (the commonest one in its box), its ink (the colours farthest from that),
 * and its strokes' width (mean run of stroke pixels along a row: wider when bold, whatever the box's size). Comparing two looks of one label tells a control that became selected (darker
 * or coloured ink, a tinted fill, bold) from one that stopped being so.
 */
export function lookAt(rgb: Uint8Array, width: number, height: number, box: Box): Look | undefined {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.w));
  const y1 = Math.min(height, Math.ceil(box.y + box.h));
  if (x1 - x0 < 2 || y1 - y0 < 2) return undefined;
  const n = (x1 - x0) * (y1 - y0);
  const bins = new Uint32Array(1 << (3 * (8 - BIN_SHIFT)));
  const bin = (i: number) => ((rgb[i]! >> BIN_SHIFT) << (2 * (8 - BIN_SHIFT))) | ((rgb[i + 1]! >> BIN_SHIFT) << (8 - BIN_SHIFT)) | (rgb[i + 2]! >> BIN_SHIFT);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) bins[bin(3 * (y * width + x))]!++;
  let mode = 0;
  for (let b = 1; b < bins.length; b++) if (bins[b]! > bins[mode]!) mode = b;
  const ground = [0, 0, 0];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = 3 * (y * width + x);
      if (bin(i) !== mode) continue;
      for (let c = 0; c < 3; c++) ground[c]! += rgb[i + c]!;
    }
  }
  for (let c = 0; c < 3; c++) ground[c] = ground[c]! / bins[mode]!;
  // Distances from the ground (the largest channel difference), counted by value.
  const far = new Uint32Array(256);
  const distance = (i: number) => Math.max(Math.abs(rgb[i]! - ground[0]!), Math.abs(rgb[i + 1]! - ground[1]!), Math.abs(rgb[i + 2]! - ground[2]!)) | 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) far[distance(3 * (y * width + x))]!++;
  let top = 255;
  for (let seen = 0; top > 0; top--) if ((seen += far[top]!) >= (1 - FAR_QUANTILE) * n) break;
  const ink = [0, 0, 0];
  let inkCount = 0;
  let strokePixels = 0;
  let strokes = 0;
  for (let y = y0; y < y1; y++) {
    let inStroke = false;
    for (let x = x0; x < x1; x++) {
      const i = 3 * (y * width + x);
      const d = distance(i);
      const stroke = d >= INK_EDGE * top && d > 0;
      if (stroke) (strokePixels++, inStroke || strokes++);
      inStroke = stroke;
      if (d < INK_CORE * top || d === 0) continue;
      inkCount++;
      for (let c = 0; c < 3; c++) ink[c]! += rgb[i + c]!;
    }
  }
  const round = (v: number[]) => v.map(Math.round) as [number, number, number];
  return {
    ground: round(ground),
    ink: inkCount ? round(ink.map((v) => v / inkCount)) : round(ground),
    stroke: strokes ? Math.round((100 * strokePixels) / strokes) / 100 : 0,
  };
}
