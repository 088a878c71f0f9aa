import { Inferrer, type InferredFrame, type KeyframeReading, type Returned, type Scene } from './infer.js';
import type { Word } from './lines.js';
import { mayTouchChrome, planReads, type ReadPlan } from './plan.js';
import { withoutPointer } from './pointer.js';
import { changedRegions, scaleBoxes, type GrayImage } from './regions.js';
import type { Box } from './geometry.js';
import { typedArea, type TypedReading } from './typed.js';

/** One keyframe, with the I/O the caller owns: a small gray copy to compare, and OCR of some areas (null: all). */
export interface KeyframeSource {
  timestamp: number;
  fromMs?: number;
  /** The previous keyframe's state came back after another showed (when, where: the video lane's Keyframe.returned). */
  returned?: Returned;
  gray(): Promise<GrayImage>;
  read(areas: ReadPlan): Promise<Word[]>;
  /** A frame showing text typed before this keyframe that it no longer shows (the video lane's Keyframe.typed). */
  typed?: TypedSource;
}

/** See KeyframeSource.typed: that frame's time, where the caret stood (frame pixels), and OCR of one of its areas. */
export interface TypedSource {
  timestamp: number;
  whole: boolean;
  x: number;
  y: number;
  read(area: Box): Promise<Word[]>;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Called as keyframes are read: (read so far, total). */
  onProgress?(done: number, total: number): void;
  /** Diagnostics (the tuning loop): each keyframe's reading as inference receives it. */
  onReading?(index: number, reading: KeyframeReading): void;
  /**
   * A keyframe's typed frame could not be read: the keyframe is read without it (it only adds a value typed and
   * submitted), and this says so — the caller logs it.
   */
  onTypedLost?(index: number, err: unknown): void;
}

/**
 * A session's keyframes → what each shows and what the user did before it. Keyframes are compared in order
 * (cheap, small gray copies), the first is read whole and every other keyframe's planned areas are read at
 * once — the caller's OCR pool bounds how many run; a plan the first reading can still change (the address
 * bar it finds) waits for it — and inference consumes the readings in order.
 */
export async function readKeyframes(sources: readonly KeyframeSource[], scene: Scene, o: ReadOptions = {}): Promise<InferredFrame[]> {
  const regions: Box[][] = [];
  let prev: GrayImage | null = null;
  for (const [i, k] of sources.entries()) {
    o.signal?.throwIfAborted();
    const gray = await k.gray();
    const found = prev ? scaleBoxes(changedRegions(prev, gray), scene.width / gray.width) : [];
    regions.push(withoutPointer(found, scene.pointer, sources[i - 1]?.timestamp ?? 0, k.timestamp));
    prev = gray;
  }
  const inferrer = new Inferrer(scene);
  const frames: InferredFrame[] = [];
  if (sources.length === 0) return frames;
  const push = (i: number, r: KeyframeReading) => {
    o.onReading?.(i, r);
    frames.push(inferrer.push(r));
  };
  const pointers = sources.map((k) => lastBefore(scene.pointer, k.timestamp));
  const plan = (i: number) => planReads(i, regions[i]!, scene, { chrome: inferrer.chrome, pointer: pointers[i] });
  const readings: Promise<Word[]>[] = [];
  const plans: ReadPlan[] = [];
  const typedReads: (Promise<TypedReading | undefined> | undefined)[] = [];
  let done = 0;
  const start = (i: number, p: ReadPlan) => {
    plans[i] = p;
    const t = sources[i]!.typed;
    if (t) {
      typedReads[i] = t.read(typedArea(t, scene)).then(
        (words) => ({ timestamp: t.timestamp, whole: t.whole, x: t.x, y: t.y, words }),
        (err: unknown) => {
          if (!o.signal?.aborted) o.onTypedLost?.(i, err);
          return undefined;
        },
      );
    }
    readings[i] = sources[i]!.read(p).then((words) => {
      o.onProgress?.(++done, sources.length);
      return words;
    });
    readings[i]!.catch(() => {}); // each is awaited below, in order
  };
  // The first keyframe is read whole; every other keyframe whose plan the address bar cannot change (nothing to
  // read in the top strip) is read beside it, so the pool's other workers do not wait for the first reading.
  start(0, null);
  const early = sources.map((_, i) => (i === 0 ? null : plan(i)));
  for (let i = 1; i < sources.length; i++) if (!mayTouchChrome(early[i]!, scene)) start(i, early[i]!);
  push(0, { timestamp: sources[0]!.timestamp, fromMs: sources[0]!.fromMs, regions: [], words: await readings[0]!, areas: null });
  // The rest, planned with the address bar the first reading found (if any).
  for (let i = 1; i < sources.length; i++) if (!readings[i]) start(i, plan(i));
  for (let i = 1; i < sources.length; i++) {
    o.signal?.throwIfAborted();
    const typed = await typedReads[i];
    const returned = sources[i]!.returned;
    push(i, { timestamp: sources[i]!.timestamp, fromMs: sources[i]!.fromMs, regions: regions[i]!, words: await readings[i]!, areas: plans[i]!, ...(typed ? { typed } : {}), ...(returned ? { returned } : {}) });
  }
  return frames;
}

function lastBefore(track: Scene['pointer'], t: number): { x: number; y: number } | undefined {
  let found: { x: number; y: number } | undefined;
  for (const p of track) {
    if (p.t > t) break;
    found = p;
  }
  return found;
}
