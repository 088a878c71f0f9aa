import type { Activity } from './activity.js';
import type { Box } from './box.js';
import type { TypedPeek } from './states.js';

/**
 * Typing that no state may show (UiState.typed): the caret's last step, then every frame still showing what it left
 * until something else changes — a value submitted with Enter before the typed state could settle.
 */
export class TypingWatch {
  /** Since the last state: when the caret last stepped on, and (once something else changed) until when it showed. */
  private run: { fromMs: number; untilMs: number; at: Box; ended: boolean } | null = null;

  /** Per frame: its activity, whether only a caret and its characters changed, and where a caret stepped to. */
  note(activity: Activity, typing: boolean, typedAt: Box | null, t: number): void {
    // A caret stepping on is typing, whatever else changed in that frame (a hint under the field clearing).
    if (typedAt) this.run = { fromMs: t, untilMs: t, at: typedAt, ended: false };
    else if (this.run && !this.run.ended) {
      if (activity === 'active' && !typing) this.run.ended = true;
      else this.run.untilMs = t;
    }
  }

  /** What a state found now at `t` (first shown at `fromMs`) takes of the typing before it. */
  take(t: number, fromMs: number): { typed?: TypedPeek } {
    const r = this.run;
    if (!r || r.fromMs > t) return {};
    this.run = null;
    if (!r.ended || r.untilMs >= fromMs) return {};
    return { typed: { fromMs: r.fromMs, untilMs: r.untilMs, x: Math.round((r.at.x0 + r.at.x1) / 2), y: Math.round((r.at.y0 + r.at.y1) / 2) } };
  }

  /** The frames that may still be asked for as the next state's typed frames (see ChangeDetector.typedWindow). */
  window(): { fromMs: number; untilMs: number } | null {
    return this.run ? { fromMs: this.run.fromMs, untilMs: this.run.untilMs } : null;
  }
}
