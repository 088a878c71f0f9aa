/** Tuning of the change detector. Pixel sizes are at the analysis resolution (the frames pushed). */
export interface DetectorOptions {
  /** Frame size in pixels; every pushed frame is width×height bytes of 8-bit gray. */
  width: number;
  height: number;
  /** Side of the square regions compared (default 16). */
  blockSize?: number;
  /** A pixel differs when |a − b| exceeds this: above encoder noise, below text contrast (default 24). */
  pixelThreshold?: number;
  /** Differing pixels a block needs to count as changed; 2 lets one typed character through (default 2). */
  minBlockPixels?: number;
  /** Shift of a block's mean that counts as motion, so slow fades never look settled (default 4). */
  driftThreshold?: number;
  /** Quiet time after which a state counts as settled (default 250 ms). */
  settleMs?: number;
  /** A tiny change (caret-sized) is only real if it has not reverted after this long (default 1000 ms). */
  transientMs?: number;
  /** Changed regions of at most this many blocks count as tiny (default 2). */
  tinyMaxBlocks?: number;
  /** Largest cursor sprite, width or height, in pixels (default 24). */
  cursorMaxPx?: number;
  /** Slack around a tracked cursor when matching its next move (default 3 px). */
  cursorPadPx?: number;
  /** How long a small new blob waits for the move that proves it is a cursor (default 400 ms). */
  moverGapMs?: number;
  /** Cap on returned states; beyond it the least significant ones are merged (default 60). */
  maxStates?: number;
  /** User event times (ms): the settled frame after each one is kept even when nothing visible changed. */
  candidatesMs?: readonly number[];
}

export type ResolvedOptions = Required<Omit<DetectorOptions, 'candidatesMs'>> & { candidatesMs: number[] };

export function resolveOptions(o: DetectorOptions): ResolvedOptions {
  if (!Number.isInteger(o.width) || !Number.isInteger(o.height) || o.width < 1 || o.height < 1) {
    throw new RangeError(`detector frame size must be positive integers, got ${o.width}x${o.height}`);
  }
  const r: ResolvedOptions = {
    width: o.width,
    height: o.height,
    blockSize: o.blockSize ?? 16,
    pixelThreshold: o.pixelThreshold ?? 24,
    minBlockPixels: o.minBlockPixels ?? 2,
    driftThreshold: o.driftThreshold ?? 4,
    settleMs: o.settleMs ?? 250,
    transientMs: o.transientMs ?? 1000,
    tinyMaxBlocks: o.tinyMaxBlocks ?? 2,
    cursorMaxPx: o.cursorMaxPx ?? 24,
    cursorPadPx: o.cursorPadPx ?? 3,
    moverGapMs: o.moverGapMs ?? 400,
    maxStates: Math.max(1, o.maxStates ?? 60),
    candidatesMs: [...(o.candidatesMs ?? [])].filter(Number.isFinite).sort((a, b) => a - b),
  };
  if (r.blockSize < 2) throw new RangeError('blockSize must be at least 2');
  return r;
}
