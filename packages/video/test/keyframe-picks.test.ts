import { describe, expect, it } from 'vitest';
import { KeyframePicks, type TypedPeek, type UiState } from '../src/index.js';

/**
 * A detector's outward behaviour over frames every 100 ms (every other one kept at full resolution): nothing but
 * typing until `stateMs`, when a state shows up that names the frames showing what was typed (`typed`).
 */
function run(typed: TypedPeek, stateMs = 1600) {
  const picks = new KeyframePicks<number>();
  const found: UiState[] = [];
  let now = 0;
  const d = {
    found,
    // Like the detector while things change: only the latest frame may still show a state to come.
    keepFromMs: () => now,
    typedWindow: () => (now >= typed.fromMs && now < stateMs ? { fromMs: typed.fromMs, untilMs: Math.min(now, typed.untilMs) } : null),
  };
  const picked: string[] = [];
  const dropped: number[] = [];
  for (now = 0; now <= 2000; now += 100) {
    picks.offer(now, now % 200 === 0 ? now : undefined);
    if (now === stateMs) found.push({ timestampMs: stateMs, fromMs: stateMs, score: 0.1, candidatesMs: [], typed });
    picks.update(d, false, (s, t) => picked.push(`state ${s}: ${t}`), (f) => dropped.push(f), (s, t, _f, whole) => picked.push(`typed ${s}: ${t}${whole ? '' : ' (before)'}`));
  }
  picks.update(d, true, () => {}, (f) => dropped.push(f));
  return { picked, dropped };
}

describe('KeyframePicks', () => {
  it('keeps a frame showing what was typed for the state after it, though the detector let it go', () => {
    const { picked, dropped } = run({ fromMs: 1100, untilMs: 1300, x: 10, y: 10 });
    expect(picked).toEqual(['typed 1600: 1200', 'state 1600: 1600']);
    // Every other kept frame is let go, once; none that was picked.
    const kept = Array.from({ length: 11 }, (_, i) => i * 200);
    expect([...dropped].sort((a, b) => a - b)).toEqual(kept.filter((t) => t !== 1200 && t !== 1600));
  });

  it('falls back to the frame kept just before the last character when none after it was kept', () => {
    const { picked, dropped } = run({ fromMs: 1300, untilMs: 1300, x: 10, y: 10 });
    expect(picked).toEqual(['typed 1600: 1200 (before)', 'state 1600: 1600']);
    expect(new Set(dropped).size).toBe(dropped.length);
    expect(dropped).not.toContain(1200);
  });

  it('picks no typed frame older than the look-back', () => {
    const { picked } = run({ fromMs: 1500, untilMs: 1500, x: 10, y: 10 }, 1700);
    // 1400 is within 250 ms of the caret's last step; 1200 would not be.
    expect(picked[0]).toBe('typed 1700: 1400 (before)');
  });
});
