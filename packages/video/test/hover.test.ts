import { describe, expect, it } from 'vitest';
import { HoverLayers, spriteIn } from '../src/detector/hover.js';

const W = 64;
const H = 32;
const THRESHOLD = 24;
const POINTER_PX = 24;

const plain = (v = 245) => new Uint8Array(W * H).fill(v);
function fill(img: Uint8Array, x: number, y: number, w: number, h: number, v: number | ((x: number, y: number) => number)): Uint8Array {
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) img[yy * W + xx] = typeof v === 'number' ? v : v(xx, yy);
  return img;
}
/** A 5×8 arrow-ish sprite: dark outline, white fill. */
const sprite = (img: Uint8Array, x: number, y: number) => fill(img, x, y, 5, 8, (xx, yy) => (xx === x || yy === y + 7 ? 0 : 255));
const WHOLE = { x0: 0, y0: 0, x1: W, y1: H };
/** How many pixels of `frame` against `emitted` the layers mask. */
function masked(layers: HoverLayers, frame: Uint8Array, emitted: Uint8Array): number {
  const mask = new Uint8Array(W * H);
  layers.maskToggles(frame, emitted, mask);
  return mask.reduce((n, v) => n + v, 0);
}

describe('HoverLayers', () => {
  it('takes a row shaded as a whole for a shade, a few specks the codec left in it notwithstanding', () => {
    const before = fill(plain(), 4, 10, 56, 12, 230);
    const after = fill(plain(), 4, 10, 56, 12, 200);
    for (const i of [11 * W + 8, 15 * W + 30, 20 * W + 50]) after[i] = 30; // moved by 200, not by the shade
    const layers = new HoverLayers(W, THRESHOLD, POINTER_PX);
    expect(layers.note(before, after, WHOLE, false)).toBe(true);
    expect(masked(layers, after, before)).toBe(56 * 12 - 3);
  });

  it('takes a button whose faint shade switches off as the pointer leaves it for a hover, and remembers the button alone', () => {
    // A button (8–40, 8–20) lit by 25 levels; codec noise leaves three pixels in four within the threshold, fewer
    // than the sprite's that sat on it and is gone. A line below it, in the same changed blocks, shades by 25 later:
    // that is not the button.
    const lit = sprite(fill(plain(), 8, 8, 32, 12, (x, y) => ((x + y) % 4 === 0 ? 94 : 106)), 20, 10);
    const off = fill(plain(), 8, 8, 32, 12, 125);
    const layers = new HoverLayers(W, THRESHOLD, POINTER_PX);
    expect(layers.note(lit, off, WHOLE, true)).toBe(true);
    // The button lit again against a state without it: masked; the line below it shaded the same way: not masked.
    expect(masked(layers, lit, off)).toBeGreaterThan(0);
    const line = fill(plain(), 8, 24, 32, 4, 214);
    expect(masked(layers, line, plain())).toBe(0);
  });

  it('takes nothing for the same change with no pointer near it (a faint shade alone is too weak a sign)', () => {
    const lit = sprite(fill(plain(), 8, 8, 32, 12, (x, y) => ((x + y) % 4 === 0 ? 94 : 106)), 20, 10);
    const off = fill(plain(), 8, 8, 32, 12, 125);
    expect(new HoverLayers(W, THRESHOLD, POINTER_PX).note(lit, off, WHOLE, false)).toBe(false);
  });

  it('finds the sprite a pointer left or reached in a box, only when it is pointer-sized', () => {
    const before = sprite(plain(), 20, 10);
    expect(spriteIn(before, plain(), WHOLE, W, POINTER_PX)).toEqual({ x0: 20, y0: 10, x1: 25, y1: 18 });
    expect(spriteIn(plain(), plain(), WHOLE, W, POINTER_PX)).toBeNull();
    const panel = fill(plain(), 2, 2, 40, 20, 40);
    expect(spriteIn(plain(), panel, WHOLE, W, POINTER_PX)).toBeNull();
  });
});
