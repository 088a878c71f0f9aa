import { BoxBuilder, boxHeight, boxWidth, centreDistance2, contains, grow, intersects, type Box } from './box.js';
import type { Blob } from './components.js';
import { inPatch, patchAt, type Patch } from './patch.js';

// What the pixels of one frame say about a small moving thing (the pointer, a caret): its shape, where it is now,
// whether what it left went back to what was there. Pure functions of the frame pair and the tracker's sizes
// (MoverTracker keeps the state).

/** The tracker's sizes and thresholds (MoverConfig), with `back`: within noise of the old value. */
export interface PixelConfig {
  width: number;
  height: number;
  threshold: number;
  maxPx: number;
  padPx: number;
  back: number;
}

/**
 * Pointer sprites (arrow, hand, I-beam with its serifs) are at least 2 px wide at the detector's scale and about
 * as tall as wide or taller: a blob 1 px wide is a caret blinking, not where the pointer jumped to; a new blob much
 * wider than tall that seems to move on is a word of text (a toast's, refined by the codec over two frames).
 */
const caretShaped = (b: Box) => boxWidth(b) < 2;
export const wordShaped = (b: Box) => boxWidth(b) > 2.5 * boxHeight(b);
export const pointerShaped = (b: Box) => !caretShaped(b) && !wordShaped(b);

export interface Covered {
  box: Box;
  pixels: Int32Array;
}

/**
 * In `before`'s box: pixels that something covered in the previous frame and that are back, within
 * noise, to what `before` remembers (`back`: the trail of a moving pointer); all pixels that changed
 * in this frame (`changed`); and, outside `now` (where the thing is after this frame), pixels that
 * differ from `before` and did not change in this frame (`stuck`: a lasting change, no pointer's).
 */
export function evidence(c: PixelConfig, before: Patch, prev: Uint8Array, cur: Uint8Array, now: Box | null = null): { back: number; changed: number; stuck: number } {
  const { width, threshold } = c;
  let back = 0;
  let changed = 0;
  let stuck = 0;
  for (let y = before.box.y0; y < before.box.y1; y++) {
    for (let x = before.box.x0; x < before.box.x1; x++) {
      const i = y * width + x;
      const v = patchAt(before, x, y);
      const moved = Math.abs(cur[i]! - prev[i]!) > threshold;
      if (moved) changed++;
      if (Math.abs(prev[i]! - v) <= threshold) continue;
      if (Math.abs(cur[i]! - v) <= c.back) back++;
      else if (!moved && !(now && contains(now, x, y))) stuck++;
    }
  }
  return { back, changed, stuck };
}

/**
 * Where the pointer is after this frame: changed pixels that differ from the background estimate
 * (what `under` remembers inside its box, the previous frame elsewhere), plus, with `stillCovered`,
 * pixels of `under`'s box that still differ from what it remembers.
 */
export function coveredNow(
  c: PixelConfig,
  under: Patch | null,
  prev: Uint8Array,
  cur: Uint8Array,
  blobs: readonly Blob[],
  which: readonly number[],
  stillCovered: boolean,
): Covered | null {
  const { width, threshold } = c;
  const out = new BoxBuilder();
  const pixels = new Set<number>();
  const take = (i: number, x: number, y: number) => {
    out.add(x, y);
    pixels.add(i);
  };
  for (const bi of which) {
    for (const i of blobs[bi]!.pixels) {
      const x = i % width;
      const y = (i - x) / width;
      const bg = under && inPatch(under, x, y) ? patchAt(under, x, y) : prev[i]!;
      if (Math.abs(cur[i]! - bg) > threshold) take(i, x, y);
    }
  }
  if (under && stillCovered) {
    // Only near this frame's change: a pointer moving a little still covers part of its old box there,
    // while what stays changed further off (characters a moving caret left behind) is not the pointer.
    const moved = out.build();
    const b = under.box;
    for (let y = b.y0; y < b.y1; y++) {
      for (let x = b.x0; x < b.x1; x++) {
        const i = y * width + x;
        if (moved && !contains(grow(moved, c.padPx, width, c.height), x, y)) continue;
        if (Math.abs(cur[i]! - patchAt(under, x, y)) > threshold) take(i, x, y);
      }
    }
  }
  const box = out.build();
  return box ? { box, pixels: Int32Array.from(pixels) } : null;
}

/**
 * A typing caret moving on: on the same rows exactly, from where it was a short step rightwards (over the characters
 * typed since), or, once known to be a caret (`inPlace`), blinking where it is.
 */
export function caretAdvance(c: PixelConfig, from: Box, to: Box, inPlace: boolean): boolean {
  const step = to.x1 - from.x1;
  const level = to.y0 === from.y0 && to.y1 === from.y1;
  return level && to.x0 >= from.x0 && to.x0 <= from.x1 && (inPlace ? step >= 0 : step > 0) && step <= c.maxPx >> 1;
}

/** A box no taller than a row of text (half a pointer's largest size). */
export function oneRow(c: PixelConfig, b: Box): boolean {
  return boxHeight(b) <= c.maxPx >> 1;
}

/** Free blobs with a pixel at (or within `pad` pixels of) `box`. */
export function blobsTouching(c: PixelConfig, box: Box, pad: number, blobs: readonly Blob[], free: (i: number) => boolean): number[] {
  const near = grow(box, pad, c.width, c.height);
  const { width } = c;
  const out: number[] = [];
  blobs.forEach((b, i) => {
    if (!free(i) || !intersects(b.box, near)) return;
    if (b.pixels.some((p) => contains(near, p % width, Math.floor(p / width)))) out.push(i);
  });
  return out;
}

/** The free blob nearest to `from` that a pointer can have jumped to (a caret cannot be it). */
export function nearest(from: Box, blobs: readonly Blob[], free: (i: number) => boolean, exclude: readonly number[]): number {
  let best = -1;
  let bestD = Infinity;
  blobs.forEach((b, i) => {
    if (!free(i) || exclude.includes(i) || caretShaped(b.box)) return;
    const d = centreDistance2(from, b.box);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
