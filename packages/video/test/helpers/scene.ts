import { mulberry32 } from '@claude-scope/testkit';

/** Synthetic UI frames for detector tests: a gray "page", a pointer sprite, encoder-like noise. */

export const W = 320;
export const H = 180;

export type Img = Uint8Array;

/** A plain page: header bar, a few text lines and an input box. */
export function page(): Img {
  const img = new Uint8Array(W * H).fill(245);
  rect(img, 0, 0, W, 20, 40); // header
  for (let i = 0; i < 6; i++) rect(img, 20, 40 + i * 12, 120 + ((i * 37) % 90), 4, 90); // text lines
  rect(img, 180, 60, 110, 18, 150); // input border
  rect(img, 181, 61, 108, 16, 255); // input field
  return img;
}

export function rect(img: Img, x: number, y: number, w: number, h: number, v: number): Img {
  for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++) {
    for (let xx = Math.max(0, x); xx < Math.min(W, x + w); xx++) img[yy * W + xx] = v;
  }
  return img;
}

/** Arrow pointer, 7×11, black outline and white fill (a 1080p pointer seen at 320 px is about this). */
const ARROW = ['#', '##', '#.#', '#..#', '#...#', '#....#', '#.....#', '#..####', '#.#', '##', '#'];

export function cursor(img: Img, x: number, y: number): Img {
  ARROW.forEach((row, dy) => {
    for (let dx = 0; dx < row.length; dx++) {
      const c = row[dx];
      const px = Math.round(x) + dx;
      const py = Math.round(y) + dy;
      if ((c === '#' || c === '.') && px >= 0 && py >= 0 && px < W && py < H) img[py * W + px] = c === '#' ? 0 : 255;
    }
  });
  return img;
}

/** Text caret: 1×10 dark bar. */
export const caret = (img: Img, x: number, y: number) => rect(img, x, y, 1, 10, 30);

/** A typed glyph: about what one character of 14 px text is at this scale. */
export const glyph = (img: Img, x: number, y: number) => rect(img, x, y + 3, 3, 6, 50);

/** Deterministic PRNG (testkit's mulberry32). */
export const rng = mulberry32;

const fields = new Map<number, Int8Array[]>();

/** ±amp uniform noise, like what a lossy encoder leaves on flat areas (a few precomputed fields, cycled). */
export function noisy(img: Img, random: () => number, amp = 4): Img {
  let set = fields.get(amp);
  if (!set) {
    const r = rng(amp);
    set = Array.from({ length: 16 }, () => Int8Array.from({ length: W * H }, () => Math.round((r() * 2 - 1) * amp)));
    fields.set(amp, set);
  }
  const field = set[Math.floor(random() * set.length)]!;
  const out = new Uint8Array(img.length);
  for (let i = 0; i < img.length; i++) out[i] = Math.max(0, Math.min(255, img[i]! + field[i]!));
  return out;
}

/** Blends b over a inside a rectangle with opacity alpha (0–1): fades. */
export function blend(img: Img, x: number, y: number, w: number, h: number, v: number, alpha: number): Img {
  for (let yy = y; yy < y + h; yy++) {
    for (let xx = x; xx < x + w; xx++) img[yy * W + xx] = Math.round(img[yy * W + xx]! * (1 - alpha) + v * alpha);
  }
  return img;
}
