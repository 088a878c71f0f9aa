import type { Truth } from '@claude-scope/testkit';
import type { TruthWindow } from './truth.js';

/** Counts for one group of steps (all of a recording, or one step kind). */
export interface Counts {
  steps: number;
  /** Steps with a keyframe in their settled stretch [settledMs, next startMs). */
  settled: number;
  /** Steps with a keyframe anywhere from their first changed frame to the next step, settled or not. */
  loose: number;
  frames: number;
  /** A step's first keyframe in its settled stretch: one per step is the right answer. */
  correct: number;
  /** Keyframes in a pointer-only stretch that are not a step's right frame: picked for the pointer, hover or caret. */
  pointer: number;
}

export interface Score {
  all: Counts;
  byKind: Record<string, Counts>;
  /** For the report: steps with no settled keyframe, wrong keyframes. */
  missed: TruthWindow[];
  wrongMs: number[];
}

export const zero = (): Counts => ({ steps: 0, settled: 0, loose: 0, frames: 0, correct: 0, pointer: 0 });

/**
 * Scores keyframe times (ms) against the steps. A keyframe belongs to the step whose [startMs, endMs)
 * holds it (before the first step: kind "none"), which is how precision and pointer frames are split by kind.
 */
export function score(framesMs: readonly number[], wins: readonly TruthWindow[], truth: Truth): Score {
  const s: Score = { all: zero(), byKind: {}, missed: [], wrongMs: [] };
  const kind = (k: string) => (s.byKind[k] ??= zero());
  const settled = new Set<number>();
  const loose = new Set<number>();
  for (const w of wins) {
    s.all.steps++;
    kind(w.kind).steps++;
  }
  for (const t of [...framesMs].sort((a, b) => a - b)) {
    const i = wins.findIndex((w) => t >= w.startMs && t < w.endMs);
    const w = wins[i];
    const k = kind(w?.kind ?? 'none');
    s.all.frames++;
    k.frames++;
    if (i >= 0) loose.add(i);
    const right = !!w && t >= w.settledMs && !settled.has(i);
    if (right) {
      settled.add(i);
      s.all.correct++;
      k.correct++;
    } else {
      s.wrongMs.push(t);
      if (truth.cursorOnly.some((c) => t >= c.startMs && t <= c.endMs)) {
        s.all.pointer++;
        k.pointer++;
      }
    }
  }
  wins.forEach((w, i) => {
    if (settled.has(i)) {
      s.all.settled++;
      kind(w.kind).settled++;
    } else s.missed.push(w);
    if (loose.has(i)) {
      s.all.loose++;
      kind(w.kind).loose++;
    }
  });
  return s;
}

/** Sums counts (micro-average: every step and frame weighs the same). */
export function add(into: Counts, c: Counts): Counts {
  for (const k of Object.keys(into) as (keyof Counts)[]) into[k] += c[k];
  return into;
}

export const settledRecall = (c: Counts) => (c.steps ? c.settled / c.steps : 1);
export const looseRecall = (c: Counts) => (c.steps ? c.loose / c.steps : 1);
export const precision = (c: Counts) => (c.frames ? c.correct / c.frames : 1);
export const framesPerStep = (c: Counts) => (c.steps ? c.frames / c.steps : 0);
