import type { Box } from './box.js';

/** Splits a width×height frame into square blocks (the last row/column may be partial). */
export class Grid {
  readonly cols: number;
  readonly rows: number;
  readonly count: number;
  private areas: Int32Array | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly size: number,
  ) {
    this.cols = Math.ceil(width / size);
    this.rows = Math.ceil(height / size);
    this.count = this.cols * this.rows;
  }

  rect(block: number): Box {
    const bx = block % this.cols;
    const by = Math.floor(block / this.cols);
    return {
      x0: bx * this.size,
      y0: by * this.size,
      x1: Math.min(this.width, (bx + 1) * this.size),
      y1: Math.min(this.height, (by + 1) * this.size),
    };
  }

  /** Pixels in a block (computed once: this is asked per block per frame). */
  area(block: number): number {
    if (!this.areas) {
      this.areas = new Int32Array(this.count);
      for (let b = 0; b < this.count; b++) {
        const r = this.rect(b);
        this.areas[b] = (r.x1 - r.x0) * (r.y1 - r.y0);
      }
    }
    return this.areas[block]!;
  }

  /** Blocks whose rectangle overlaps `box`. */
  blocksIn(box: Box): number[] {
    const out: number[] = [];
    const c0 = Math.floor(box.x0 / this.size);
    const c1 = Math.floor((box.x1 - 1) / this.size);
    const r0 = Math.floor(box.y0 / this.size);
    const r1 = Math.floor((box.y1 - 1) / this.size);
    for (let r = Math.max(0, r0); r <= Math.min(this.rows - 1, r1); r++) {
      for (let c = Math.max(0, c0); c <= Math.min(this.cols - 1, c1); c++) out.push(r * this.cols + c);
    }
    return out;
  }
}

/**
 * One pass over two frames: per block, how many pixels differ by more than `threshold` (→ `counts`),
 * and the signed sum of a − b (→ `sums`, for mean shifts). Pixels where `ignore` is non-zero are skipped.
 */
export function diffBlocks(
  a: Uint8Array,
  b: Uint8Array,
  grid: Grid,
  threshold: number,
  counts: Int32Array,
  sums: Int32Array | null,
  ignore: Uint8Array | null = null,
): void {
  counts.fill(0);
  sums?.fill(0);
  const { width, height, size, cols } = grid;
  // Screen recordings repeat most pixels exactly: where rows allow 32-bit reads, 4 equal bytes (no difference, no
  // sum) are skipped at once.
  const words = width % 4 === 0 && size % 4 === 0 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0;
  const a32 = words ? new Uint32Array(a.buffer, a.byteOffset, a.length >> 2) : null;
  const b32 = words ? new Uint32Array(b.buffer, b.byteOffset, b.length >> 2) : null;
  // Row by row, one block-wide run at a time: locals in the hot loop, one array write per run.
  for (let y = 0; y < height; y++) {
    const rowBase = Math.floor(y / size) * cols;
    const off = y * width;
    for (let c = 0; c < cols; c++) {
      const start = off + c * size;
      const end = Math.min(off + width, start + size);
      let n = 0;
      let sum = 0;
      for (let i = start; i < end; i++) {
        if (a32 !== null && (i & 3) === 0 && a32[i >> 2] === b32![i >> 2]) {
          i += 3;
          continue;
        }
        if (ignore !== null && ignore[i] !== 0) continue;
        const d = a[i]! - b[i]!;
        sum += d;
        if (d > threshold || d < -threshold) n++;
      }
      counts[rowBase + c]! += n;
      if (sums !== null) sums[rowBase + c]! += sum;
    }
  }
}

/**
 * diffBlocks of `cur` against two frames at once (`prev` → `countsPrev`; `anchor` → `countsAnchor` and
 * `sumsAnchor`), in one pass reading `cur` once. Screen recordings repeat most pixels exactly from
 * frame to frame (encoders copy unchanged blocks), so when rows allow 32-bit reads, 4 bytes equal in
 * all three frames are skipped at once; only differing words are looked at byte by byte.
 */
export function diffBlocksTwice(
  cur: Uint8Array,
  prev: Uint8Array,
  anchor: Uint8Array,
  grid: Grid,
  threshold: number,
  countsPrev: Int32Array,
  countsAnchor: Int32Array,
  sumsAnchor: Int32Array,
): void {
  const { width, size, cols } = grid;
  if (width % 4 !== 0 || size % 4 !== 0 || cur.byteOffset % 4 !== 0 || prev.byteOffset % 4 !== 0 || anchor.byteOffset % 4 !== 0) {
    diffBlocks(cur, prev, grid, threshold, countsPrev, null);
    diffBlocks(cur, anchor, grid, threshold, countsAnchor, sumsAnchor);
    return;
  }
  countsPrev.fill(0);
  countsAnchor.fill(0);
  sumsAnchor.fill(0);
  const c32 = new Int32Array(cur.buffer, cur.byteOffset, cur.length >> 2);
  const p32 = new Int32Array(prev.buffer, prev.byteOffset, prev.length >> 2);
  const a32 = new Int32Array(anchor.buffer, anchor.byteOffset, anchor.length >> 2);
  for (let w = 0, words = c32.length; w < words; w++) {
    const c = c32[w]!;
    const toPrev = c !== p32[w];
    const toAnchor = c !== a32[w];
    if (!toPrev && !toAnchor) continue;
    const i0 = w << 2;
    const y = (i0 / width) | 0;
    const block = ((y / size) | 0) * cols + (((i0 - y * width) / size) | 0);
    if (toPrev) {
      let n = 0;
      for (let i = i0; i < i0 + 4; i++) {
        const d = cur[i]! - prev[i]!;
        if (d > threshold || d < -threshold) n++;
      }
      countsPrev[block]! += n;
    }
    if (toAnchor) {
      let n = 0;
      let sum = 0;
      for (let i = i0; i < i0 + 4; i++) {
        const d = cur[i]! - anchor[i]!;
        sum += d;
        if (d > threshold || d < -threshold) n++;
      }
      countsAnchor[block]! += n;
      sumsAnchor[block]! += sum;
    }
  }
}

/** Copies the pixels of one block from `src` into `dst`. */
export function copyBlock(src: Uint8Array, dst: Uint8Array, grid: Grid, block: number): void {
  const r = grid.rect(block);
  for (let y = r.y0; y < r.y1; y++) {
    const o = y * grid.width;
    dst.set(src.subarray(o + r.x0, o + r.x1), o + r.x0);
  }
}
