import type { RgbImage } from './png.js';

// The classic arrow pointer, 12×19 at 1×: '#' outline, '.' fill, ' ' transparent. The hotspot is the top-left pixel.
const ARROW = [
  '#',
  '##',
  '#.#',
  '#..#',
  '#...#',
  '#....#',
  '#.....#',
  '#......#',
  '#.......#',
  '#........#',
  '#.........#',
  '#..........#',
  '#......#####',
  '#...#..#',
  '#..##..#',
  '#.#  #..#',
  '##   #..#',
  '      #..#',
  '      ##',
];
const SPRITE_W = 12;
const SPRITE_H = ARROW.length;

/**
 * Copies the page content into `out` and draws the pointer with its hotspot at (x, y) in output pixels.
 * The cursor is drawn here rather than as a DOM overlay so it never alters the page (layout, ARIA tree,
 * hover) and the recorder can tell "only the cursor moved" from "the UI changed" exactly.
 */
export function composeFrame(content: RgbImage, out: Buffer, x: number, y: number, scale: number): void {
  content.data.copy(out);
  const size = scale * 1.25; // a touch larger than 1×, as screen recorders render it
  const w = Math.ceil(SPRITE_W * size), h = Math.ceil(SPRITE_H * size);
  const ox = Math.round(x), oy = Math.round(y);
  for (let dy = 0; dy < h; dy++) {
    const py = oy + dy;
    if (py < 0 || py >= content.height) continue;
    const row = ARROW[Math.floor(dy / size)] ?? '';
    for (let dx = 0; dx < w; dx++) {
      const px = ox + dx;
      if (px < 0 || px >= content.width) continue;
      const c = row[Math.floor(dx / size)];
      if (c !== '#' && c !== '.') continue;
      const v = c === '#' ? 0 : 255;
      const o = (py * content.width + px) * 3;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    }
  }
}

export interface Point {
  x: number;
  y: number;
}

/** Smooth start and stop, like a hand moving a mouse. */
export const easeInOut = (p: number) => (p < 0.5 ? 2 * p * p : 1 - (-2 * p + 2) ** 2 / 2);

/** A point on the quadratic Bézier from `a` to `b` bent through `control`. */
export function bezier(a: Point, control: Point, b: Point, p: number): Point {
  const q = 1 - p;
  return { x: q * q * a.x + 2 * q * p * control.x + p * p * b.x, y: q * q * a.y + 2 * q * p * control.y + p * p * b.y };
}
