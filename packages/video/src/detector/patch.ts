import type { Box } from './box.js';

/** The pixels of a frame under a box, remembered (e.g. the background a cursor covers). */
export interface Patch {
  box: Box;
  values: Uint8Array;
}

export function inPatch(p: Patch, x: number, y: number): boolean {
  return x >= p.box.x0 && x < p.box.x1 && y >= p.box.y0 && y < p.box.y1;
}

export function patchAt(p: Patch, x: number, y: number): number {
  return p.values[(y - p.box.y0) * (p.box.x1 - p.box.x0) + (x - p.box.x0)]!;
}

/** Copies `frame` under `box`, keeping the values of `keep` where it overlaps (what it knew was there). */
export function capture(frame: Uint8Array, width: number, box: Box, keep: Patch | null = null): Patch {
  const w = box.x1 - box.x0;
  const values = new Uint8Array(w * (box.y1 - box.y0));
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      values[(y - box.y0) * w + (x - box.x0)] = keep && inPatch(keep, x, y) ? patchAt(keep, x, y) : frame[y * width + x]!;
    }
  }
  return { box, values };
}
