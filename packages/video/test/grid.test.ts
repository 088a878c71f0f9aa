import { describe, expect, it } from 'vitest';
import { diffBlocks, diffBlocksTwice, Grid } from '../src/detector/grid.js';
import { rng } from './helpers/scene.js';

/** A frame that repeats `base` except where `random` decides to change a pixel (mostly equal words). */
function variant(base: Uint8Array, random: () => number, p: number): Uint8Array {
  const out = base.slice();
  for (let i = 0; i < out.length; i++) if (random() < p) out[i] = Math.floor(random() * 256);
  return out;
}

describe('diffBlocksTwice', () => {
  it.each([
    [64, 48, 16, 0],
    [60, 45, 16, 0], // width not a multiple of 4: the byte-wise path
    [64, 48, 16, 1], // unaligned views: the byte-wise path
  ])('counts like two diffBlocks calls (%ix%i, blocks of %i, offset %i)', (w, h, size, offset) => {
    const random = rng(11);
    const grid = new Grid(w, h, size);
    const view = (a: Uint8Array) => {
      if (offset === 0) return a;
      const buf = new Uint8Array(a.length + offset);
      buf.set(a, offset);
      return buf.subarray(offset);
    };
    const base = Uint8Array.from({ length: w * h }, () => Math.floor(random() * 256));
    for (const p of [0, 0.01, 0.2, 1]) {
      const prev = view(variant(base, random, p));
      const anchor = view(variant(base, random, p));
      const cur = view(variant(base, random, p));
      const want = { prev: new Int32Array(grid.count), anchor: new Int32Array(grid.count), sums: new Int32Array(grid.count) };
      diffBlocks(cur, prev, grid, 24, want.prev, null);
      diffBlocks(cur, anchor, grid, 24, want.anchor, want.sums);
      const got = { prev: new Int32Array(grid.count).fill(9), anchor: new Int32Array(grid.count).fill(9), sums: new Int32Array(grid.count).fill(9) };
      diffBlocksTwice(cur, prev, anchor, grid, 24, got.prev, got.anchor, got.sums);
      expect(got, `p = ${p}`).toEqual(want);
    }
  });
});
