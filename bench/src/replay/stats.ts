import { SETTLE_WAITS, type SettleWait, type Step, type StepTiming } from './lane.js';

/**
 * One step's time to its capture: performing the event, settling, capturing. The watch after it (the page's own
 * later states, up to the next event's time on the timeline) is kept apart: it waits for the video's pace, not
 * for the app, so it is no part of 'as fast as the app allows' (services/worker/src/playwright/timing.ts counts both).
 */
export const stepMs = (t: StepTiming) => t.actionMs + t.settleMs + t.captureMs;

export interface EventTime {
  type: string;
  /** To the capture (stepMs). */
  ms: number;
  /** Watching after the capture. */
  watchMs: number;
  /** States the page reached on its own while watched, each captured. */
  later: number;
  timing: StepTiming;
  failed: boolean;
}

/** The timeline's events as replayed (the seed step left out), with their timing. */
export function eventTimes(steps: readonly Step[]): EventTime[] {
  return steps.slice(1).flatMap((s) =>
    s.timing ? [{ type: s.event?.type ?? '?', ms: stepMs(s.timing), watchMs: s.timing.watchMs ?? 0, later: s.later?.length ?? 0, timing: s.timing, failed: s.failure !== undefined }] : [],
  );
}

/** Nearest-rank quantile. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export interface Spent {
  events: number;
  failed: number;
  medianMs: number;
  p95Ms: number;
  totalMs: number;
  actionMs: number;
  captureMs: number;
  waits: Record<SettleWait, number>;
  /** Watching for the page's own later states after the captures, summed (not in totalMs, medianMs, p95Ms). */
  watchMs: number;
  /** Events whose watch found a later state, and the later states captured. */
  watchedWithLater: number;
  laterCaptures: number;
  /** Events captured at the settle cap, the page still changing, by what it was busy with. */
  keptChanging: Partial<Record<SettleWait, number>>;
}

/** Where the events' replay time went, summed. */
export function spent(events: readonly EventTime[]): Spent {
  const waits = Object.fromEntries(SETTLE_WAITS.map((k) => [k, 0])) as Record<SettleWait, number>;
  const keptChanging: Partial<Record<SettleWait, number>> = {};
  let actionMs = 0;
  let captureMs = 0;
  let watchMs = 0;
  for (const e of events) {
    actionMs += e.timing.actionMs;
    captureMs += e.timing.captureMs;
    watchMs += e.watchMs;
    for (const k of SETTLE_WAITS) waits[k] += e.timing.waits[k];
    const kept = e.timing.keptChanging;
    if (kept) keptChanging[kept] = (keptChanging[kept] ?? 0) + 1;
  }
  const ms = events.map((e) => e.ms);
  return {
    events: events.length,
    failed: events.filter((e) => e.failed).length,
    medianMs: quantile(ms, 0.5),
    p95Ms: quantile(ms, 0.95),
    totalMs: ms.reduce((a, b) => a + b, 0),
    actionMs,
    captureMs,
    waits,
    watchMs,
    watchedWithLater: events.filter((e) => e.later > 0).length,
    laterCaptures: events.reduce((a, e) => a + e.later, 0),
    keptChanging,
  };
}
