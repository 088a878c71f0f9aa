import type { Truth } from '@claude-scope/testkit';
import type { TruthWindow } from './truth.js';

export interface Score {
  windows: number;
  /** Windows with at least one frame in them. */
  found: number;
  frames: number;
  /** Frames that are the first in their window: one per state is the right answer. */
  correct: number;
  /** Further frames in a window that already has one. */
  extra: number;
  /** Frames in no window: mid-transition (animation, spinner) or before the state settled. */
  unsettled: number;
  /** Frames inside a cursor-only stretch (may still be a state's right frame). */
  inCursorOnly: number;
  /** Frames inside a cursor-only stretch that are not a state's right frame: picked for pointer motion. */
  cursorFalse: number;
  /** Windows without a frame, for the report. */
  missed: TruthWindow[];
  /** Frames that were wrong, for the report. */
  wrongMs: number[];
}

/** Scores keyframe times (ms) against truth windows. */
export function score(framesMs: readonly number[], windows: readonly TruthWindow[], truth: Truth): Score {
  const hit = new Set<number>();
  const s: Score = { windows: windows.length, found: 0, frames: framesMs.length, correct: 0, extra: 0, unsettled: 0, inCursorOnly: 0, cursorFalse: 0, missed: [], wrongMs: [] };
  for (const t of [...framesMs].sort((a, b) => a - b)) {
    const w = windows.findIndex((x) => t >= x.settledMs && t < x.endMs);
    const right = w >= 0 && !hit.has(w);
    if (right) {
      hit.add(w);
      s.correct++;
    } else {
      s.wrongMs.push(t);
      if (w >= 0) s.extra++;
      else s.unsettled++;
    }
    if (truth.cursorOnly.some((c) => t >= c.startMs && t <= c.endMs)) {
      s.inCursorOnly++;
      if (!right) s.cursorFalse++;
    }
  }
  s.found = hit.size;
  s.missed = windows.filter((_, i) => !hit.has(i));
  return s;
}

/** Sums scores (micro-average: every state and frame weighs the same). */
export function total(scores: readonly Score[]): Score {
  const z: Score = { windows: 0, found: 0, frames: 0, correct: 0, extra: 0, unsettled: 0, inCursorOnly: 0, cursorFalse: 0, missed: [], wrongMs: [] };
  for (const s of scores) {
    for (const k of ['windows', 'found', 'frames', 'correct', 'extra', 'unsettled', 'inCursorOnly', 'cursorFalse'] as const) z[k] += s[k];
    z.missed.push(...s.missed);
  }
  return z;
}

export const recall = (s: Score) => (s.windows ? s.found / s.windows : 1);
export const precision = (s: Score) => (s.frames ? s.correct / s.frames : 1);
export const framesPerStep = (s: Score) => (s.windows ? s.frames / s.windows : 0);
