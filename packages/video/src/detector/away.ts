import { union, type Box } from './box.js';
import { blockSpan } from './components.js';
import type { StateDiff } from './compare.js';
import type { Grid } from './grid.js';

/**
 * Watches, while no state has settled, whether the screen is away from the last emitted state by more than a
 * pointer could explain, and for how long. A state shown ≥ `minStepMs` that never settled (a
 * spinner turning in it) and then gave way to the emitted state again (a retry that failed the same way, a save
 * that spun and changed nothing) leaves no step of its own; the state it gave way to is then a step although it
 * equals the last one (README, rule 5).
 */
export class AwayWatch {
  /** When the screen last changed (by more than a pointer) into something away from the emitted state. */
  private since: number | null = null;
  private sinceScore = 0;
  private sinceBox: Box | null = null;
  /**
   * When such states that held minStepMs since the last reset showed (from the first one's start to the last one's
   * end), and where they differed from the emitted state (detector pixels).
   */
  shown: { fromMs: number; untilMs: number; box: Box } | null = null;
  /** The largest change from the emitted state among those (fraction of the frame). */
  score = 0;

  constructor(
    private readonly grid: Grid,
    private readonly minStepMs: number,
    /** Regions at most this many blocks, and no wider or taller than `maxSpan`, could be a pointer. */
    private readonly tinyMaxBlocks: number,
    private readonly maxSpan: number,
  ) {}

  /** Whether a change `blocks` wide or tall is more than a pointer could make. */
  spans(blocks: number): boolean {
    return blocks > this.maxSpan;
  }

  /**
   * A frame at `t` that changed by more than a pointer: the state before it ends here, and a new one begins if the
   * frame is away from the emitted state. `diff`: the frame against the emitted state, cursors and hover shades
   * masked as a comparison masks them; `content`: whether a region's pixels are new content, not one element's
   * background lit or dimmed (a hover whose pointer the tracker lost). Frames that changed less (a spinner turning,
   * the pointer) go on showing the same state: one that keeps changing more (a fade, a shimmer) never holds.
   */
  observe(t: number, diff: StateDiff, content: (region: readonly number[]) => boolean): void {
    this.end(t);
    const box = this.away(diff, content);
    if (!box) return;
    this.since = t;
    this.sinceScore = diff.score;
    this.sinceBox = box;
  }

  /** The state shown since the last change, if away, ends at `t` (the next change, or the comparison that follows). */
  end(t: number): void {
    if (this.since === null) return;
    if (t - this.since >= this.minStepMs) {
      this.shown = { fromMs: this.shown?.fromMs ?? this.since, untilMs: t, box: union(this.shown?.box ?? null, this.sinceBox)! };
      this.score = Math.max(this.score, this.sinceScore);
    }
    this.since = null;
  }

  /** A comparison with the emitted state was made: watch afresh. */
  reset(): void {
    this.since = null;
    this.shown = null;
    this.score = 0;
  }

  /** Where the frame is away from the emitted state by more than a pointer, with new content; null if nowhere. */
  private away(diff: StateDiff, content: (region: readonly number[]) => boolean): Box | null {
    let box: Box | null = null;
    for (const r of diff.regions) {
      if (r.length <= this.tinyMaxBlocks) continue;
      const { w, h } = blockSpan(this.grid, r);
      if (!this.spans(Math.max(w, h)) || !content(r)) continue;
      for (const b of r) box = union(box, this.grid.rect(b));
    }
    return box;
  }
}
