import { describe, expect, it } from 'vitest';
import { frameIndexAt } from '../../src/lib/time-axis';

/** Which frame the player shows at a moment: the track's selection follows it during playback. */
describe('frameIndexAt', () => {
  const ts = [0, 1500, 3000, 4500];

  it('is the last frame at or before the moment', () => {
    expect(frameIndexAt(ts, 0)).toBe(0);
    expect(frameIndexAt(ts, 1499)).toBe(1); // within the tolerance of a seek that lands a hair early
    expect(frameIndexAt(ts, 1400)).toBe(0);
    expect(frameIndexAt(ts, 2999.99)).toBe(2);
    expect(frameIndexAt(ts, 3200)).toBe(2);
    expect(frameIndexAt(ts, 60_000)).toBe(3);
  });

  it('is the first frame before any, and 0 for no frames', () => {
    expect(frameIndexAt([800, 1600], 100)).toBe(0);
    expect(frameIndexAt([], 100)).toBe(0);
  });

  it('tolerance 0 is exact', () => {
    expect(frameIndexAt(ts, 1499, 0)).toBe(0);
    expect(frameIndexAt(ts, 1500, 0)).toBe(1);
  });
});
