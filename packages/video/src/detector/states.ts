import type { Box } from './box.js';

/**
 * One distinct UI state found by the detector (its own word: the Playwright lane captures steps, synthesis
 * fuses frames).
 */
export interface UiState {
  /** Time of the frame that shows the settled state. */
  timestampMs: number;
  /**
   * Earliest pushed frame already showing this state: every frame from here to timestampMs shows it
   * (cursor aside), so any of them can stand for it, e.g. the one of those a caller kept at full size.
   */
  fromMs: number;
  /** How much changed since the previous state: fraction of the frame's pixels (0–1); 1 for state 0. */
  score: number;
  /** User events (candidates) this frame answers; empty for changes found from pixels alone. */
  candidatesMs: number[];
  /**
   * Text typed since the previous state that no state shows (typing ended by another change before it settled: a
   * value submitted with Enter). Frames from `fromMs` to `untilMs` show it whole; the caret stood at `x`, `y`.
   */
  typed?: TypedPeek;
  /**
   * This state is the previous one come back (nothing but tiny changes since): another state showed in between, from
   * `fromMs` to `untilMs`, without ever holding still (a spinner turning in it), differing from this one within `box`
   * (detector pixels). A retry that failed the same way.
   */
  returned?: { fromMs: number; untilMs: number; box: Box };
}

/** Where and when frames show what was typed before a state (see UiState.typed). */
export interface TypedPeek {
  /** The frame where the caret last stepped on (the last character typed). */
  fromMs: number;
  /** The last frame before the change that ended the typing. */
  untilMs: number;
  /** The caret's place then (detector pixels, its box's centre). */
  x: number;
  y: number;
}

/** States without a user event merge first; then the smallest change. */
function lessSignificant(a: UiState, b: UiState): boolean {
  const ea = a.candidatesMs.length > 0 ? 1 : 0;
  const eb = b.candidatesMs.length > 0 ? 1 : 0;
  return ea !== eb ? ea < eb : a.score < b.score;
}

/**
 * Merges the least significant states until at most `max` remain. A merged state's change shows in the
 * next state anyway, so the later frame survives and absorbs its score; state 0 (the first frame) stays.
 */
export function capStates(states: readonly UiState[], max: number): UiState[] {
  const out = states.map((s) => ({ ...s, candidatesMs: [...s.candidatesMs] }));
  const limit = Math.max(1, max);
  while (out.length > limit) {
    let victim = 1;
    for (let i = 2; i < out.length; i++) if (lessSignificant(out[i]!, out[victim]!)) victim = i;
    // The last state holds the final screen: it absorbs its predecessor instead of vanishing.
    const [from, into] = victim < out.length - 1 ? [victim, victim + 1] : victim > 1 ? [victim - 1, victim] : [victim, -1];
    if (into >= 0) {
      const a = out[from]!;
      const b = out[into]!;
      b.score = Math.min(1, a.score + b.score);
      b.candidatesMs = [...a.candidatesMs, ...b.candidatesMs].sort((x, y) => x - y);
      delete b.returned; // it came back to `a`, which is gone
    }
    out.splice(from, 1);
  }
  return out;
}
