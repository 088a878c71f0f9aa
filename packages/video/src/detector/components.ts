import { BoxBuilder, grow, type Box } from './box.js';
import type { Grid } from './grid.js';

/** 8-connected groups of blocks whose `mask` entry is non-zero. */
export function blockComponents(grid: Grid, mask: Uint8Array): number[][] {
  const seen = new Uint8Array(grid.count);
  const out: number[][] = [];
  const { cols, rows } = grid;
  for (let start = 0; start < grid.count; start++) {
    if (mask[start] === 0 || seen[start] !== 0) continue;
    const comp: number[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const b = stack.pop()!;
      comp.push(b);
      const bx = b % cols;
      const by = (b - bx) / cols;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = bx + dx;
          const ny = by + dy;
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const n = ny * cols + nx;
          if (mask[n] !== 0 && seen[n] === 0) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    out.push(comp);
  }
  return out;
}

/** Width and height of a component, in blocks. */
export function blockSpan(grid: Grid, comp: readonly number[]): { w: number; h: number } {
  let c0 = Infinity, c1 = -Infinity, r0 = Infinity, r1 = -Infinity;
  for (const b of comp) {
    const c = b % grid.cols;
    const r = (b - c) / grid.cols;
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, c);
    r0 = Math.min(r0, r);
    r1 = Math.max(r1, r);
  }
  return { w: c1 - c0 + 1, h: r1 - r0 + 1 };
}

/** A connected patch of changed pixels: its indices (y·width + x) and bounding box. */
export interface Blob {
  pixels: number[];
  box: Box;
}

/**
 * Pixel blobs in and around the given blocks: pixels where |a − b| > threshold, joined when within
 * `reach` pixels of each other (anti-aliased sprites and glyphs break into fragments otherwise). The
 * blocks are searched with a margin: a sprite's last row may spill into a block that did not count
 * as changed.
 */
export function pixelBlobs(
  a: Uint8Array,
  b: Uint8Array,
  grid: Grid,
  blocks: readonly number[],
  threshold: number,
  reach = 2,
  margin = 4,
): Blob[] {
  const { width } = grid;
  const changed = new Set<number>();
  for (const block of blocks) {
    const r = grow(grid.rect(block), margin, width, grid.height);
    for (let y = r.y0; y < r.y1; y++) {
      for (let x = r.x0; x < r.x1; x++) {
        const i = y * width + x;
        const d = a[i]! - b[i]!;
        if (d > threshold || d < -threshold) changed.add(i);
      }
    }
  }
  const blobs: Blob[] = [];
  const seen = new Set<number>();
  for (const start of changed) {
    if (seen.has(start)) continue;
    seen.add(start);
    const pixels: number[] = [];
    const box = new BoxBuilder();
    const stack = [start];
    while (stack.length > 0) {
      const i = stack.pop()!;
      pixels.push(i);
      const x = i % width;
      const y = (i - x) / width;
      box.add(x, y);
      for (let dy = -reach; dy <= reach; dy++) {
        for (let dx = -reach; dx <= reach; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const n = (y + dy) * width + nx;
          if (changed.has(n) && !seen.has(n)) {
            seen.add(n);
            stack.push(n);
          }
        }
      }
    }
    blobs.push({ pixels, box: box.build()! });
  }
  return blobs;
}
