import type { Box } from './geometry.js';

/**
 * Keyframes are compared at this width: 8-pixel blocks are then 32 px of a 1280 px recording, enough to place a
 * change and cheap to diff (640 measured no better on the tuning split).
 */
export const COMPARE_WIDTH = 320;

export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface RegionOptions {
  /** Block side in pixels of the (downscaled) images compared. */
  block?: number;
  /** A pixel differs when its gray level moved more than this (codec noise stays under it). */
  threshold?: number;
  /** A block changed when at least this many of its pixels differ. */
  minPixels?: number;
}

/**
 * Where two keyframes differ, as boxes (in the images' pixels): blocks with enough differing pixels, joined with
 * their 8 neighbours into components, each component's bounding box. Linear in the pixels.
 */
export function changedRegions(a: GrayImage, b: GrayImage, o: RegionOptions = {}): Box[] {
  if (a.width !== b.width || a.height !== b.height) return [{ x: 0, y: 0, w: b.width, h: b.height }];
  const block = o.block ?? 8;
  const threshold = o.threshold ?? 24;
  const minPixels = o.minPixels ?? 3;
  const cols = Math.ceil(a.width / block);
  const rows = Math.ceil(a.height / block);
  const counts = new Uint16Array(cols * rows);
  for (let y = 0; y < a.height; y++) {
    const row = ((y / block) | 0) * cols;
    for (let x = 0; x < a.width; x++) {
      const i = y * a.width + x;
      if (Math.abs(a.data[i]! - b.data[i]!) > threshold) counts[row + ((x / block) | 0)]!++;
    }
  }
  const on = new Uint8Array(cols * rows);
  for (let i = 0; i < on.length; i++) on[i] = counts[i]! >= minPixels ? 1 : 0;
  const seen = new Uint8Array(cols * rows);
  const out: Box[] = [];
  const stack: number[] = [];
  for (let start = 0; start < on.length; start++) {
    if (!on[start] || seen[start]) continue;
    let [x0, y0, x1, y1] = [cols, rows, -1, -1];
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const cx = i % cols;
      const cy = (i - cx) / cols;
      x0 = Math.min(x0, cx);
      y0 = Math.min(y0, cy);
      x1 = Math.max(x1, cx);
      y1 = Math.max(y1, cy);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = cx + dx;
          const ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const n = ny * cols + nx;
          if (on[n] && !seen[n]) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    const x = x0 * block;
    const y = y0 * block;
    out.push({ x, y, w: Math.min(a.width, (x1 + 1) * block) - x, h: Math.min(a.height, (y1 + 1) * block) - y });
  }
  return out;
}

/** Boxes scaled from a downscaled comparison back to the frame's pixels. */
export const scaleBoxes = (boxes: readonly Box[], s: number): Box[] =>
  boxes.map((b) => ({ x: Math.floor(b.x * s), y: Math.floor(b.y * s), w: Math.ceil(b.w * s), h: Math.ceil(b.h * s) }));
