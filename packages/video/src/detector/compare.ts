import { blockComponents } from './components.js';
import { paintFootprints, type Footprint } from './footprint.js';
import { diffBlocks, type Grid } from './grid.js';
import type { HoverLayers } from './hover.js';
import type { ResolvedOptions } from './options.js';

/** How a settled frame differs from the last emitted state, cursors masked out. */
export interface StateDiff {
  /** Blocks with a real change. */
  blocks: number[];
  /** Those blocks grouped into 8-connected regions. */
  regions: number[][];
  /** Fraction of the frame's pixels that changed (0–1). */
  score: number;
}

export class StateComparer {
  private readonly mask: Uint8Array;
  private readonly counts: Int32Array;
  private readonly total: number;
  private painted: Footprint[] | null = null;
  /** The cursor mask plus hover toggles (evaluations only: a few per state). */
  private scratch: Uint8Array | null = null;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly grid: Grid,
  ) {
    this.mask = new Uint8Array(o.width * o.height);
    this.counts = new Int32Array(grid.count);
    this.total = o.width * o.height;
  }

  diff(frame: Uint8Array, emitted: Uint8Array, cursors: readonly Footprint[], hover: HoverLayers | null = null): StateDiff {
    const mask = this.maskFor(frame, emitted, cursors, hover);
    diffBlocks(frame, emitted, this.grid, this.o.pixelThreshold, this.counts, null, mask);
    const on = new Uint8Array(this.grid.count);
    const blocks: number[] = [];
    let pixels = 0;
    for (let b = 0; b < this.grid.count; b++) {
      if (this.counts[b]! < this.o.minBlockPixels) continue;
      on[b] = 1;
      blocks.push(b);
      pixels += this.counts[b]!;
    }
    return { blocks, regions: blockComponents(this.grid, on), score: pixels / this.total };
  }

  /** The pixels of `blocks` where `frame` differs from `emitted`, cursors masked out. */
  changedPixels(frame: Uint8Array, emitted: Uint8Array, blocks: readonly number[], cursors: readonly Footprint[], hover: HoverLayers | null = null): Int32Array {
    const out: number[] = [];
    this.eachChanged(frame, emitted, blocks, cursors, hover, (i) => out.push(i));
    return Int32Array.from(out);
  }

  /**
   * How those pixels shift from `emitted` to `frame`, counted at index shift + 255 in a fresh histogram (a shade's
   * test reads it without a list of pixels).
   */
  shifts(frame: Uint8Array, emitted: Uint8Array, blocks: readonly number[], cursors: readonly Footprint[], hover: HoverLayers | null = null): Int32Array {
    const hist = new Int32Array(511);
    this.eachChanged(frame, emitted, blocks, cursors, hover, (_, d) => void hist[d + 255]!++);
    return hist;
  }

  /** Calls `visit` with each pixel of `blocks` where `frame` differs from `emitted` (cursors masked out) and by how much. */
  private eachChanged(frame: Uint8Array, emitted: Uint8Array, blocks: readonly number[], cursors: readonly Footprint[], hover: HoverLayers | null, visit: (i: number, d: number) => void): void {
    const mask = this.maskFor(frame, emitted, cursors, hover);
    const { width, pixelThreshold } = this.o;
    for (const block of blocks) {
      const r = this.grid.rect(block);
      for (let y = r.y0; y < r.y1; y++) {
        for (let i = y * width + r.x0, end = y * width + r.x1; i < end; i++) {
          const d = frame[i]! - emitted[i]!;
          if (mask[i] === 0 && (d > pixelThreshold || d < -pixelThreshold)) visit(i, d);
        }
      }
    }
  }

  /** Cursors masked, and with `hover`, the pixels where the two frames differ only by a hover switching. */
  private maskFor(frame: Uint8Array, emitted: Uint8Array, cursors: readonly Footprint[], hover: HoverLayers | null): Uint8Array {
    this.paint(cursors);
    if (!hover || hover.empty) return this.mask;
    this.scratch ??= new Uint8Array(this.mask.length);
    this.scratch.set(this.mask);
    hover.maskToggles(frame, emitted, this.scratch);
    return this.scratch;
  }

  /** Masks the cursors (repainting only when they changed: most calls see the same ones). */
  private paint(cursors: readonly Footprint[]): void {
    const same = this.painted !== null && this.painted.length === cursors.length && cursors.every((c, i) => c === this.painted![i]);
    if (same) return;
    this.painted = [...cursors];
    paintFootprints(this.mask, this.o.width, this.o.height, cursors, this.o.cursorPadPx);
  }
}
