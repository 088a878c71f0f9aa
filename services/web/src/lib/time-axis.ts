import { formatClock, formatTimestamp } from './format';

/**
 * The recording's time axis for the session page's track: where a moment sits (0–100 %) and round tick
 * marks. Pure, so the tests and the track agree.
 */

/** The axis length (ms): the session's duration, or the last frame if the recording ran past it. */
export function axisLength(durationSeconds: number, timestampsMs: readonly number[]): number {
  const last = timestampsMs.length ? Math.max(...timestampsMs) : 0;
  return Math.max(durationSeconds * 1000, last, 1);
}

/** Where `ms` falls on an axis of `lengthMs`, in percent, clamped to the axis. */
export function axisPercent(ms: number, lengthMs: number): number {
  if (!(lengthMs > 0)) return 0;
  return Math.min(100, Math.max(0, (ms / lengthMs) * 100));
}

// Round steps a person reads at a glance: 0.5 s up to 30 min.
const STEPS_MS = [500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000];

export interface Tick {
  ms: number;
  label: string;
}

/**
 * Ticks from 0 at the smallest round step giving at most `maxTicks` intervals, labelled like the player's
 * clock (`0:05`, `1:30`); half-second steps keep their tenths (`0:01.5`) so no two labels read the same.
 */
export function axisTicks(lengthMs: number, maxTicks = 8): Tick[] {
  const step = STEPS_MS.find((s) => lengthMs / s <= maxTicks) ?? STEPS_MS.at(-1)!;
  const ticks: Tick[] = [];
  for (let t = 0; t <= lengthMs + 1e-6; t += step) ticks.push({ ms: t, label: step < 1000 ? formatTimestamp(t) : formatClock(t / 1000) });
  return ticks;
}

/**
 * Which frame a player at `ms` shows: the last one at or before it (the first before any), by binary search
 * over ascending timestamps. `toleranceMs` absorbs a seek landing a hair before the frame it was sent to.
 */
export function frameIndexAt(timestampsMs: readonly number[], ms: number, toleranceMs = 40): number {
  let lo = 0;
  let hi = timestampsMs.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (timestampsMs[mid]! <= ms + toleranceMs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
