import type { Truth } from '@claude-scope/testkit';

/**
 * One UI state to find: a keyframe is right when it falls in [settledMs, endMs) — after the state
 * has settled, before the next one starts.
 */
export interface TruthWindow {
  startMs: number;
  settledMs: number;
  endMs: number;
  /** How many testkit steps this window stands for (1 in strict mode). */
  steps: number;
  kinds: string[];
}

/** Testkit's steps as they are: every typed character is its own state. */
export function strictWindows(truth: Truth): TruthWindow[] {
  return toWindows(truth, truth.steps.map((s) => ({ startMs: s.startMs, settledMs: s.settledMs, steps: 1, kinds: [s.kind] })));
}

/**
 * Steps that start less than `gapMs` after the previous one settled join it: the issue only asks that
 * changes MORE than ~300 ms apart be separate, so a burst (typing, a spinner handing over to a page)
 * is one state, settled when its last change settles.
 */
export function mergedWindows(truth: Truth, gapMs = 300): TruthWindow[] {
  const groups: Omit<TruthWindow, 'endMs'>[] = [];
  for (const s of truth.steps) {
    const last = groups.at(-1);
    if (last && s.startMs - last.settledMs < gapMs) {
      last.settledMs = Math.max(last.settledMs, s.settledMs);
      last.steps++;
      if (!last.kinds.includes(s.kind)) last.kinds.push(s.kind);
    } else {
      groups.push({ startMs: s.startMs, settledMs: s.settledMs, steps: 1, kinds: [s.kind] });
    }
  }
  return toWindows(truth, groups);
}

function toWindows(truth: Truth, groups: Omit<TruthWindow, 'endMs'>[]): TruthWindow[] {
  return groups.map((g, i) => ({ ...g, endMs: groups[i + 1]?.startMs ?? truth.durationMs + 1 }));
}
