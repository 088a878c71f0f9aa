import type { PlaywrightStep, SettleWait, StepTiming } from '@claude-scope/pipeline';

/** A timing with nothing spent yet. */
export function emptyTiming(): StepTiming {
  return { actionMs: 0, settleMs: 0, waits: { navigation: 0, network: 0, response: 0, animation: 0, dom: 0 }, captureMs: 0 };
}

/** One step's whole cost: performing the event, settling, capturing, watching for the page's later states. */
export const stepMs = (t: StepTiming) => t.actionMs + t.settleMs + t.captureMs + (t.watchMs ?? 0);

export interface ReplayTimingSummary {
  events: number;
  medianEventMs: number;
  p95EventMs: number;
  /** Summed over the events. */
  actionMs: number;
  captureMs: number;
  /** Watching for the page's later states after the capture (see watch.ts). */
  watchMs: number;
  waits: Record<SettleWait, number>;
  /** Events captured at the settle cap, the page still changing. */
  keptChanging: number;
}

/** Where the replay's time went over the timeline's events (the seed step left out), for the job's log. */
export function summarizeTiming(steps: readonly PlaywrightStep[]): ReplayTimingSummary | null {
  const timings = steps.slice(1).flatMap((s) => (s.timing ? [s.timing] : []));
  if (timings.length === 0) return null;
  const sorted = timings.map(stepMs).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const sum = emptyTiming();
  for (const t of timings) {
    sum.actionMs += t.actionMs;
    sum.captureMs += t.captureMs;
    sum.watchMs = (sum.watchMs ?? 0) + (t.watchMs ?? 0);
    for (const k of Object.keys(sum.waits) as SettleWait[]) sum.waits[k] += t.waits[k];
  }
  return {
    events: timings.length,
    medianEventMs: at(0.5),
    p95EventMs: at(0.95),
    actionMs: sum.actionMs,
    captureMs: sum.captureMs,
    watchMs: sum.watchMs ?? 0,
    waits: sum.waits,
    keptChanging: timings.filter((t) => t.keptChanging).length,
  };
}
