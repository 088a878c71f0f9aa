import type { Truth } from '@claude-scope/testkit';

/**
 * One step of the ground truth (the testkit's rule: a state on screen ≥ 200 ms, a typed run as one
 * step) as windows for keyframes: `settled` = [settledMs, endMs), `loose` = [startMs, endMs), where
 * endMs is the next step's startMs.
 */
export interface TruthWindow {
  startMs: number;
  settledMs: number;
  endMs: number;
  kind: string;
}

export function windows(truth: Truth): TruthWindow[] {
  return truth.steps.map((s, i) => ({
    startMs: s.startMs,
    settledMs: s.settledMs,
    endMs: truth.steps[i + 1]?.startMs ?? truth.durationMs + 1,
    kind: s.kind,
  }));
}
