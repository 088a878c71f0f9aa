import { grow, type Box } from './box.js';

/** Where a cursor is: its box, and the exact pixels it covers when known (else the whole box). */
export interface Footprint {
  box: Box;
  pixels: Int32Array | null;
}

/**
 * Marks footprints in `mask` (width×height, zeroed first): known pixels plus their 8 neighbours
 * (anti-aliased edges), whole boxes grown by `pad`.
 */
export function paintFootprints(mask: Uint8Array, width: number, height: number, prints: readonly Footprint[], pad: number): void {
  mask.fill(0);
  for (const f of prints) {
    if (f.pixels) {
      for (const i of f.pixels) {
        const x = i % width;
        const y = (i - x) / width;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= height) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx >= 0 && xx < width) mask[yy * width + xx] = 1;
          }
        }
      }
    } else {
      const b = grow(f.box, pad, width, height);
      for (let y = b.y0; y < b.y1; y++) mask.fill(1, y * width + b.x0, y * width + b.x1);
    }
  }
}
