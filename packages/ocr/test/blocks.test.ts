import { describe, expect, it } from 'vitest';
import { textBlocks } from '../src/blocks.js';
import { cropPixels, ReadCache, samePixels } from '../src/read-cache.js';

/** A white w × h image with dark rectangles ("text"). */
function image(w: number, h: number, inks: { x: number; y: number; w: number; h: number }[]): Uint8Array {
  const px = new Uint8Array(w * h).fill(255);
  for (const r of inks) for (let y = r.y; y < r.y + r.h; y++) px.fill(40, y * w + r.x, y * w + r.x + r.w);
  return px;
}

describe('textBlocks', () => {
  it('splits at blank rows and at wide blank columns, keeping a line\'s words together', () => {
    // Line 1: two words 4 px apart (one block); far right, a separate label. Line 2 below a blank row.
    const px = image(200, 40, [
      { x: 10, y: 5, w: 30, h: 12 },
      { x: 44, y: 5, w: 20, h: 12 },
      { x: 150, y: 6, w: 30, h: 10 },
      { x: 10, y: 25, w: 60, h: 12 },
    ]);
    expect(textBlocks(px, 200, 40)).toEqual([
      { x: 10, y: 5, w: 54, h: 12 },
      { x: 150, y: 6, w: 30, h: 10 },
      { x: 10, y: 25, w: 60, h: 12 },
    ]);
  });

  it('finds nothing on a blank image and drops specks', () => {
    expect(textBlocks(image(50, 20, []), 50, 20)).toEqual([]);
    expect(textBlocks(image(50, 20, [{ x: 5, y: 5, w: 2, h: 2 }]), 50, 20)).toEqual([]);
  });
});

describe('ReadCache', () => {
  const px = image(60, 20, [{ x: 5, y: 4, w: 40, h: 12 }]);
  const block = cropPixels(px, 60, { x: 5, y: 4, w: 40, h: 12 });
  const words = [{ text: 'Save', confidence: 0.9, box: { x: 0, y: 0, w: 40, h: 12 }, line: 0 }];

  it('returns the words of a block whose pixels match one read before, and only then', () => {
    const cache = new ReadCache();
    expect(cache.find(block)).toBeNull();
    cache.add(block, words);
    expect(cache.find({ ...block, px: block.px.slice() })).toEqual(words);
    expect(cache.find(cropPixels(px, 60, { x: 5, y: 4, w: 39, h: 12 }))).toBeNull(); // another size
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('tolerates codec noise but not a changed glyph', () => {
    const noisy = block.px.map((v, i) => (i % 7 === 0 ? Math.min(255, v + 30) : v));
    expect(samePixels(block, { ...block, px: noisy })).toBe(true);
    const glyph = block.px.slice();
    glyph.fill(255, 0, 12); // a stroke gone: 12 pixels from dark to white
    expect(samePixels(block, { ...block, px: glyph })).toBe(false);
  });
});
