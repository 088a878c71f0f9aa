import { grow, intersects, union, type Box } from './box.js';
import { blockComponents, blockSpan, pixelBlobs, type Blob } from './components.js';
import { spriteIn, type HoverLayers } from './hover.js';
import { copyBlock, diffBlocksTwice, type Grid } from './grid.js';
import { pointerShaped } from './mover-pixels.js';
import type { MoverTracker } from './movers.js';
import type { ResolvedOptions } from './options.js';

/** Hover highlights are rows, buttons, items: at most this many blocks high (a menu opening is taller). */
const HOVER_MAX_ROWS = 3;

/**
 * A frame's activity: `quiet` (cursor motion at most), `active` (the UI changed), or `pointer?`: only
 * new small blobs changed, which a move within moverGapMs may yet prove to be a cursor (the pointer
 * re-acquired after the UI changed under it or its shape changed); MoverTracker says so in `proven`.
 */
export type Activity = 'quiet' | 'active' | 'pointer?';

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
  /**
   * Per block this frame: 0 = UI change, 1 = cursor motion, 2 = a tracked animation, 3 = maybe a cursor (new blobs),
   * 4 = a typing caret and the characters it left (activity like 2).
   */
  private readonly cause: Uint8Array;
  private readonly maxSpan: number;
  private prevT = -Infinity;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly grid: Grid,
    private readonly movers: MoverTracker,
    private readonly hover: HoverLayers,
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

  /**
   * Whether `cur` (at `t`) changed the UI beyond cursor motion; `proven`: earlier `pointer?` frames now known to be
   * cursor motion; `typing`: all that changed was a typing caret and what it left (`typedAt`: where it stepped on to);
   * `widest`: the widest or tallest region that changed since `prev`, in blocks.
   */
  observe(prev: Uint8Array, cur: Uint8Array, t: number): { activity: Activity; proven: number[]; typing: boolean; typedAt: Box | null; widest: number } {
    const { grid, o } = this;
    // Against the previous frame (cursor candidates) and the anchor (activity), in one pass.
    diffBlocksTwice(cur, prev, this.anchor, grid, o.pixelThreshold, this.counts, this.anchorCounts, this.sums);
    for (let b = 0; b < grid.count; b++) this.changed[b] = this.counts[b]! >= o.minBlockPixels ? 1 : 0;

    // Cursor candidates: pixel blobs of the small components only (a big one is never a pointer).
    const comps = blockComponents(grid, this.changed);
    const blobs: Blob[] = [];
    const owner: number[] = [];
    let widest = 0;
    comps.forEach((comp, ci) => {
      const span = blockSpan(grid, comp);
      widest = Math.max(widest, span.w, span.h);
      if (span.w > this.maxSpan || span.h > this.maxSpan) return;
      for (const blob of pixelBlobs(cur, prev, grid, comp, o.pixelThreshold)) {
        blobs.push(blob);
        owner.push(ci);
      }
    });
    const before = this.movers.latest();
    const { explained, tracked, candidates, proven, typed, typedAt } = this.movers.update(prev, cur, t, blobs);
    this.cause.fill(0);
    comps.forEach((comp, ci) => {
      const mine = owner.flatMap((c, bi) => (c === ci ? [bi] : []));
      if (mine.length === 0) return;
      const state = mine.every((bi) => explained.has(bi))
        ? 1
        : mine.every((bi) => typed.has(bi))
          ? 4
          : mine.every((bi) => tracked.has(bi))
            ? 2
            : mine.every((bi) => explained.has(bi) || candidates.has(bi))
              ? 3
              : 0;
      for (const b of comp) this.cause[b] = state;
    });

    this.noteHovers(prev, cur, comps, [before, this.movers.latest()]);
    this.prevT = t;

    let active: Activity = 'quiet';
    let typing = true;
    for (let b = 0; b < grid.count; b++) {
      if (this.cause[b] !== 1) {
        const drift = Math.abs(this.sums[b]!) / grid.area(b);
        if (this.anchorCounts[b]! < o.minBlockPixels && drift < o.driftThreshold) continue;
        if (this.cause[b] !== 4) typing = false;
        if (this.cause[b] !== 3) active = 'active';
        else if (active === 'quiet') active = 'pointer?';
        // An animation is activity, but not the UI changing under a cursor.
        if (this.cause[b] === 0 || this.cause[b] === 3) this.movers.markStale(grid.rect(b));
      }
      // Cursor motion is absorbed too: it must not pile up into a fake change later.
      copyBlock(cur, this.anchor, grid, b);
    }
    return { activity: active, proven, typing: active === 'active' && typing, typedAt, widest };
  }

  /**
   * UI changes (one to a few block rows high) at the edge of a pointer that is moving: perhaps a hover
   * highlight switching as it crosses into or out of an element; HoverLayers keeps those that are a shade.
   */
  private noteHovers(prev: Uint8Array, cur: Uint8Array, comps: readonly number[][], pointers: readonly ({ box: Box; t: number } | null)[]): void {
    const { grid, o } = this;
    // Moving: in this frame or the one before (a click comes once the pointer rests on its target).
    const moving = pointers.flatMap((p) => (p && p.t >= this.prevT ? [p.box] : []));
    // A pointer the tracker lost (its shape changed, the UI changed under it) shows up as a new small
    // blob, with the hover of what it now points at lighting up in that frame or the next.
    const near = [...moving, ...this.movers.newcomers()].map((b) => grow(b, o.cursorMaxPx, o.width, o.height));
    for (const comp of comps) {
      if (this.cause[comp[0]!] !== 0 || blockSpan(grid, comp).h > HOVER_MAX_ROWS) continue;
      let box: Box | null = null;
      for (const b of comp) box = union(box, grid.rect(b));
      // Where no pointer was ever seen (a tab capture draws none), an element shaded as a whole is a hover too.
      const pointerNear = near.some((n) => intersects(n, box!));
      if (!pointerNear && this.movers.pointerSeen) continue;
      if (!this.hover.note(prev, cur, box!, pointerNear)) continue;
      // A pointer re-found inside an element as its shade switched sat there in the last state too (it rested
      // on the control it clicked, untracked since the click changed the UI under it): mask it where it sat.
      // So did one that left the element in this frame, untracked until it lands: mask where its sprite was
      // (where a pointer is drawn at all: in a tab capture those strong pixels are the page's own, a tick).
      const sat = this.movers.newcomers().filter((n) => intersects(n, box!) && pointerShaped(n));
      const sprite = this.movers.pointerSeen ? spriteIn(prev, cur, box!, o.width, o.cursorMaxPx) : null;
      if (sprite && pointerShaped(sprite)) sat.push(sprite);
      this.movers.addOrigins(sat);
    }
  }
}
