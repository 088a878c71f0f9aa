import { describe, expect, it } from 'vitest';
import { cursor, page, rect, W, type Img } from './helpers/scene.js';
import { detect, times } from './helpers/run.js';

/** Lights a box the way a hover does: a shade darker, dark pixels a shade lighter. */
function lit(img: Img, x: number, y: number, w: number, h: number): Img {
  for (let yy = y; yy < y + h; yy++) {
    for (let xx = x; xx < x + w; xx++) img[yy * W + xx] = img[yy * W + xx]! > 127 ? img[yy * W + xx]! - 30 : img[yy * W + xx]! + 30;
  }
  return img;
}

const clamp01 = (p: number) => Math.min(1, Math.max(0, p));
const ROW = { x: 20, y: 100, w: 280, h: 14 };

describe('ChangeDetector: the pointer layer', () => {
  it('gives no step for a button that lights up where the pointer shows up anew and rests', () => {
    // The pointer was lost (not drawn: hidden while typing, or its shape changed); it shows up next
    // to a button, moves onto it, which lights up in that frame, and rests there.
    const frame = (t: number) => {
      const img = rect(page(), 100, 100, 44, 14, 200);
      rect(img, 108, 105, 28, 4, 60); // its label
      if (t < 1000) return img;
      const x = 80 + 40 * clamp01((t - 1000) / 300);
      if (x >= 100) lit(img, 100, 100, 44, 14);
      return cursor(img, x, 104);
    };
    expect(times(detect(frame, { durationMs: 3000 }))).toEqual([0]);
  });

  it('keeps a click result even when the pointer moves off right after, turning the hover off', () => {
    // A button's label changes under the resting pointer (a click); within 200 ms the pointer moves
    // off and the button's hover goes dark in those same blocks, next to the moving pointer.
    const pointer = (t: number) => {
      const onto = clamp01((t - 300) / 300);
      const off = clamp01((t - 1150) / 300);
      return { x: 60 + 60 * onto + 120 * off, y: 134 - 30 * onto + 40 * off };
    };
    const frame = (t: number) => {
      const img = rect(page(), 100, 100, 44, 14, 200);
      if (t < 1000) rect(img, 108, 105, 28, 4, 60); // label
      else rect(img, 104, 103, 10, 8, 40); // replaced by a check mark
      const p = pointer(t);
      if (p.x >= 100 && p.x < 144 && p.y >= 100 && p.y < 114) lit(img, 100, 100, 44, 14);
      return cursor(img, p.x, p.y);
    };
    const steps = detect(frame, { durationMs: 3000 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(1000);
  });

  it('forgets a hover once the page under it is redrawn: the same shade there later is a step', () => {
    // The pointer sweeps along a row (remembered as a hover shade), the page is then redrawn (a field
    // where the row was), and text in that field is selected: a highlight of the very same shade.
    const pointer = (t: number) => ({ x: 40 + 220 * clamp01((t - 300) / 600), y: 60 + 45 * clamp01((t - 200) / 200) + 60 * clamp01((t - 900) / 200) });
    const frame = (t: number) => {
      const img = page();
      if (t < 2000) {
        rect(img, ROW.x + 4, ROW.y + 5, 60, 4, 90);
        const p = pointer(t);
        if (p.y >= ROW.y && p.y < ROW.y + ROW.h) lit(img, ROW.x, ROW.y, ROW.w, ROW.h);
      } else {
        rect(img, 0, 90, W, 40, 40); // the page redrawn (dark), a field where the row was
        rect(rect(img, ROW.x, ROW.y, ROW.w, ROW.h, 150), ROW.x + 1, ROW.y + 1, ROW.w - 2, ROW.h - 2, 255);
        rect(img, ROW.x + 4, ROW.y + 5, 60, 4, 90);
        if (t >= 3000) lit(img, ROW.x + 2, ROW.y + 2, 64, ROW.h - 4); // its text selected
      }
      return cursor(img, pointer(Math.min(t, 1100)).x, pointer(Math.min(t, 1100)).y);
    };
    const steps = detect(frame, { durationMs: 4500 });
    expect(times(steps)).toHaveLength(3);
    expect(steps[2]!.timestampMs).toBeGreaterThanOrEqual(3250);
  });

  it('takes state 0 once the opening screen settled: a page loading behind a shimmering skeleton is no state yet', () => {
    const frame = (t: number) => {
      const img = page();
      if (t < 1500) for (let i = 0; i < 4; i++) rect(img, 20, 100 + i * 14, 200, 8, 200 + Math.round(20 * Math.sin(t / 80 + i))); // skeleton
      else for (let i = 0; i < 4; i++) rect(img, 20, 100 + i * 14, 90 + i * 20, 6, 70); // the rows it stood for
      return img;
    };
    const steps = detect(frame, { durationMs: 3500 });
    expect(times(steps)).toHaveLength(1);
    expect(steps[0]!.timestampMs).toBeGreaterThanOrEqual(1500 + 250);
    expect(steps[0]!.score).toBe(1);
  });

  it('keeps the first frame as state 0 when only the pointer moves at the start', () => {
    const steps = detect((t) => cursor(page(), 200 - 0.1 * t, 150 - 0.05 * t), { durationMs: 2000 });
    expect(steps).toEqual([{ timestampMs: 0, fromMs: 0, score: 1, candidatesMs: [] }]);
  });
});
