import type { Truth } from '@claude-scope/testkit';

/**
 * Scores keyframe times against a testkit recording's ground truth, as bench:keyframes does with
 * "merged" truth: steps starting less than 300 ms after the previous one settled are one state (the
 * issue only asks that changes more than ~300 ms apart be separate); a keyframe is right when it is
 * the first in [settledMs, next state's startMs).
 */
export function scoreMerged(framesMs: readonly number[], truth: Truth, gapMs = 300) {
  const states: { startMs: number; settledMs: number }[] = [];
  for (const s of truth.steps) {
    const last = states.at(-1);
    if (last && s.startMs - last.settledMs < gapMs) last.settledMs = Math.max(last.settledMs, s.settledMs);
    else states.push({ startMs: s.startMs, settledMs: s.settledMs });
  }
  const hit = new Set<number>();
  let correct = 0;
  let pointer = 0;
  for (const t of [...framesMs].sort((a, b) => a - b)) {
    const i = states.findIndex((s, k) => t >= s.settledMs && t < (states[k + 1]?.startMs ?? Infinity));
    const right = i >= 0 && !hit.has(i);
    if (right) {
      hit.add(i);
      correct++;
    } else if (truth.cursorOnly.some((c) => t >= c.startMs && t <= c.endMs)) {
      pointer++;
    }
  }
  return { states: states.length, recall: hit.size / states.length, precision: correct / framesMs.length, pointerFrames: pointer };
}
