import { describe, expect, it } from 'vitest';
import { changedRegions, planReads, scaleBoxes } from '../src/index.js';

function gray(w: number, h: number, paint: (x: number, y: number) => number) {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = paint(x, y);
  return { data, width: w, height: h };
}

describe('changed regions between keyframes', () => {
  it('finds each changed area as one box, ignores codec-level noise', () => {
    const a = gray(320, 180, (x, y) => 240 - ((x * 7 + y * 3) % 5));
    const b = gray(320, 180, (x, y) => {
      if (x >= 200 && x < 260 && y >= 150 && y < 170) return 30; // a toast
      if (x >= 20 && x < 60 && y >= 20 && y < 30) return 90; // a label
      return 240 - ((x * 7 + y * 3) % 5) + ((x + y) % 3); // noise under the threshold
    });
    const boxes = changedRegions(a, b).sort((p, q) => p.x - q.x);
    expect(boxes).toEqual([{ x: 16, y: 16, w: 48, h: 16 }, { x: 200, y: 144, w: 64, h: 32 }]);
    expect(scaleBoxes(boxes, 4)[0]).toEqual({ x: 64, y: 64, w: 192, h: 64 });
  });

  it('frames of different sizes differ everywhere', () => {
    expect(changedRegions(gray(10, 10, () => 0), gray(20, 10, () => 0))).toEqual([{ x: 0, y: 0, w: 20, h: 10 }]);
  });
});

describe('what to read on a keyframe', () => {
  const frame = { width: 1280, height: 720 };
  it('the first keyframe and a full repaint are read whole', () => {
    expect(planReads(0, [], frame)).toBeNull();
    expect(planReads(3, [{ x: 0, y: 0, w: 1280, h: 400 }], frame)).toBeNull();
  });

  it('otherwise the changed regions with a margin (wide along the line), the whole address bar when it changed, and the pointer’s neighbourhood, merged', () => {
    const chrome = { addressBar: { x: 150, y: 40, w: 400, h: 20 } };
    const plan = planReads(2, [{ x: 300, y: 45, w: 50, h: 10 }, { x: 600, y: 600, w: 100, h: 40 }], frame, { chrome, pointer: { x: 650, y: 620 } })!;
    expect(plan).toContainEqual({ x: 0, y: 33, w: 1280, h: 34 });
    expect(plan).toContainEqual({ x: 400, y: 588, w: 500, h: 64 }); // the line beside the change, and the pointer's neighbourhood, merged
    expect(plan).toHaveLength(2);
  });
});
