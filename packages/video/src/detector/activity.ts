import { blockComponents, blockSpan, pixelBlobs, type Blob } from './components.js';
import { copyBlock, diffBlocksTwice, type Grid } from './grid.js';
import type { MoverTracker } from './movers.js';
import type { ResolvedOptions } from './options.js';

/**
 * Decides, frame by frame, whether anything but cursor motion is changing. Each block is compared with
 * its anchor (its content when it last changed), not just the previous frame, so a slow fade that moves
 * a few levels per frame still counts as motion until it ends.
 */
export class ActivityMonitor {
  private readonly anchor: Uint8Array;
  /** Per block this frame: pixels changed since the previous frame; since the anchor, and their sum. */
  private readonly counts: Int32Array;
  private readonly anchorCounts: Int32Array;
  private readonly sums: Int32Array;
  private readonly changed: Uint8Array;
  /** Per block this frame: 0 = UI change, 1 = cursor motion, 2 = a tracked animation. */
  private readonly cause: Uint8Array;
  private readonly maxSpan: number;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly grid: Grid,
    private readonly movers: MoverTracker,
    first: Uint8Array,
  ) {
    this.anchor = Uint8Array.from(first);
    this.counts = new Int32Array(grid.count);
    this.anchorCounts = new Int32Array(grid.count);
    this.sums = new Int32Array(grid.count);
    this.changed = new Uint8Array(grid.count);
    this.cause = new Uint8Array(grid.count);
    // A pointer's old and new place may share one component: allow a couple of blocks beyond its size.
    this.maxSpan = Math.ceil(o.cursorMaxPx / o.blockSize) + 2;
  }

  /** True when `cur` (at `t`) changed the UI beyond cursor motion. */
  observe(prev: Uint8Array, cur: Uint8Array, t: number): boolean {
    const { grid, o } = this;
    // Against the previous frame (cursor candidates) and the anchor (activity), in one pass.
    diffBlocksTwice(cur, prev, this.anchor, grid, o.pixelThreshold, this.counts, this.anchorCounts, this.sums);
    for (let b = 0; b < grid.count; b++) this.changed[b] = this.counts[b]! >= o.minBlockPixels ? 1 : 0;

    // Cursor candidates: pixel blobs of the small components only (a big one is never a pointer).
    const comps = blockComponents(grid, this.changed);
    const blobs: Blob[] = [];
    const owner: number[] = [];
    comps.forEach((comp, ci) => {
      const span = blockSpan(grid, comp);
      if (span.w > this.maxSpan || span.h > this.maxSpan) return;
      for (const blob of pixelBlobs(cur, prev, grid, comp, o.pixelThreshold)) {
        blobs.push(blob);
        owner.push(ci);
      }
    });
    const { explained, tracked } = this.movers.update(prev, cur, t, blobs);
    this.cause.fill(0);
    comps.forEach((comp, ci) => {
      const mine = owner.flatMap((c, bi) => (c === ci ? [bi] : []));
      if (mine.length === 0) return;
      const state = mine.every((bi) => explained.has(bi)) ? 1 : mine.every((bi) => tracked.has(bi)) ? 2 : 0;
      for (const b of comp) this.cause[b] = state;
    });

    let active = false;
    for (let b = 0; b < grid.count; b++) {
      if (this.cause[b] !== 1) {
        const drift = Math.abs(this.sums[b]!) / grid.area(b);
        if (this.anchorCounts[b]! < o.minBlockPixels && drift < o.driftThreshold) continue;
        active = true;
        // An animation is activity, but not the UI changing under a cursor.
        if (this.cause[b] === 0) this.movers.markStale(grid.rect(b));
      }
      // Cursor motion is absorbed too: it must not pile up into a fake change later.
      copyBlock(cur, this.anchor, grid, b);
    }
    return active;
  }
}
