import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { FullFrameFile } from './ffmpeg/decode.js';
import { extractFrames } from './ffmpeg/extract.js';
import type { FrameFiles } from './frame-files.js';
import { limits } from './limits.js';
import { thumbnail, thumbnailOf } from './thumbnail.js';
import { yuv420pToRgbAsync, yuv420pToRgbHalf, type ColorMatrix } from './yuv.js';

export interface WrittenFrame {
  /** Time of the frame the images show (for a UI state: a frame of its settled stretch). */
  timestampMs: number;
  pngPath: string;
  thumbnailDataUrl: string;
}

/** A frame showing text typed before a keyframe that the keyframe itself no longer shows (UiState.typed). */
export interface TypedFrame {
  timestampMs: number;
  pngPath: string;
  /** From after the last character typed; else from just before it (the last character or two may be missing). */
  whole: boolean;
}

export interface KeyframeWriterOptions {
  workDir: string;
  files: FrameFiles;
  thumbnailSize: number;
  matrix: ColorMatrix;
  signal?: AbortSignal;
  /** For frames that never arrived at full resolution: a second pass over the file. */
  file: string;
  fps: number | null;
  threads?: number;
}

/** Time spent on keyframe images (ms, summed over frames: the work overlaps the decode). */
export interface WriterTimings {
  readMs: number;
  convertMs: number;
  encodeMs: number;
  frames: number;
  /** Keyframes whose full-resolution frame never came, extracted by a second pass. */
  secondPass: number;
}

/**
 * Writes a keyframe's PNG and thumbnail as soon as the detector has picked it, from the full-resolution
 * frame of the decode pass itself: no second decoding, and the work overlaps the rest of the decode.
 * Frames the cap drops later are deleted by collect(); a frame that never came is extracted by a
 * second pass, as before.
 */
export class KeyframeWriter {
  /** Per keyframe time: its images, or null when its full-resolution frame never came. */
  private readonly jobs = new Map<number, Promise<WrittenFrame | null>>();
  /** Per keyframe time: the frame showing what was typed before it (no thumbnail). */
  private readonly typedJobs = new Map<number, Promise<TypedFrame | null>>();
  readonly timings: WriterTimings = { readMs: 0, convertMs: 0, encodeMs: 0, frames: 0, secondPass: 0 };

  constructor(private readonly o: KeyframeWriterOptions) {}

  /** Starts the images of the state at `stateMs` from `frame`, the full-resolution frame at `frameMs`. */
  add(stateMs: number, frameMs: number, frame: FullFrameFile): void {
    if (this.jobs.has(stateMs)) return;
    const job = this.write(frameMs, frame);
    job.catch(() => {}); // observed by collect(); an unobserved rejection must not crash the process first
    this.jobs.set(stateMs, job);
  }

  /** Starts the PNG of the frame at `frameMs` that shows what was typed before the state at `stateMs`. */
  addTyped(stateMs: number, frameMs: number, frame: FullFrameFile, whole: boolean): void {
    if (this.typedJobs.has(stateMs)) return;
    const job = this.write(frameMs, frame, false).then((w) => (w ? { timestampMs: w.timestampMs, pngPath: w.pngPath, whole } : null));
    job.catch(() => {}); // observed by collectTyped()
    this.typedJobs.set(stateMs, job);
  }

  /** Waits for every image in progress, whatever its outcome (nothing may outlive the analysis). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.jobs.values(), ...this.typedJobs.values()]);
  }

  /**
   * The typed frames of the states at `timestampsMs` that have one (by state time); others are deleted. One that
   * failed is left out: it only adds to its keyframe.
   */
  async collectTyped(timestampsMs: readonly number[]): Promise<Map<number, TypedFrame>> {
    const wanted = new Set(timestampsMs);
    const got = new Map<number, TypedFrame>();
    await Promise.all(
      [...this.typedJobs].map(async ([t, job]) => {
        const w = await job.catch(() => null);
        if (!w) return;
        if (wanted.has(t)) got.set(t, w);
        else await rm(w.pngPath, { force: true });
      }),
    );
    return got;
  }

  /** The images of the states at `timestampsMs`, in order; others written meanwhile are deleted. */
  async collect(timestampsMs: readonly number[]): Promise<WrittenFrame[]> {
    const settled = new Map<number, PromiseSettledResult<WrittenFrame | null>>();
    await Promise.all([...this.jobs].map(([t, job]) => job.then((value) => settled.set(t, { status: 'fulfilled', value }), (reason) => settled.set(t, { status: 'rejected', reason }))));
    const wanted = new Set(timestampsMs);
    await Promise.all(
      [...settled].map(([t, r]) => (!wanted.has(t) && r.status === 'fulfilled' && r.value ? rm(r.value.pngPath, { force: true }) : null)),
    );
    const failed = timestampsMs.map((t) => settled.get(t)).find((r): r is PromiseRejectedResult => r?.status === 'rejected');
    if (failed) throw failed.reason;
    const got = new Map<number, WrittenFrame>();
    for (const t of timestampsMs) {
      const r = settled.get(t);
      if (r?.status === 'fulfilled' && r.value) got.set(t, r.value);
    }
    const missing = timestampsMs.filter((t) => !got.has(t));
    if (missing.length > 0) for (const [t, w] of await this.extractMissing(missing)) got.set(t, w);
    return timestampsMs.map((t) => got.get(t)!);
  }

  /** A frame's PNG, and its thumbnail unless `withThumbnail` is false (then `thumbnailDataUrl` is empty). */
  private async write(timestampMs: number, frame: FullFrameFile, withThumbnail = true): Promise<WrittenFrame | null> {
    return limits.sharp.use(async () => {
      const t0 = performance.now();
      const yuv = await this.o.files.read(frame);
      if (!yuv) return null;
      const t1 = performance.now();
      const busy = { busyMs: 0 };
      const rgb = await yuv420pToRgbAsync(yuv, frame.width, frame.height, this.o.matrix, { stats: busy });
      const t2 = performance.now();
      // Two pipelines over the same buffer, not img.clone(): sharp's clone() structuredClones its
      // options, input buffer included (~2.5 ms per 720p frame on the main thread, twice).
      const img = () => sharp(rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } });
      // A frame at least twice the thumbnail's size: its thumbnail starts from the half-size frame
      // (a 2×2 box straight from YUV), which spares the resize most of its input (720p: all of it).
      const half = withThumbnail && Math.max(frame.width, frame.height) >= 2 * this.o.thumbnailSize ? yuv420pToRgbHalf(yuv, frame.width, frame.height, this.o.matrix) : null;
      const small = () => (half ? sharp(half.data, { raw: { width: half.width, height: half.height, channels: 3 } }) : img());
      const pngPath = join(this.o.workDir, withThumbnail ? fileName(timestampMs) : `typed-${fileName(timestampMs)}`);
      // zlib level 3: 1080p in ~60 % of level 6's time, files ~7 % bigger.
      const [, thumbnailDataUrl] = await Promise.all([
        img().png({ compressionLevel: 3 }).toFile(pngPath),
        withThumbnail ? thumbnailOf(small(), this.o.thumbnailSize) : '',
      ]);
      this.timings.readMs += t1 - t0;
      this.timings.convertMs += busy.busyMs;
      this.timings.encodeMs += performance.now() - t2;
      this.timings.frames++;
      return { timestampMs, pngPath, thumbnailDataUrl };
    }, this.o.signal);
  }

  /** Fallback: a second decoding pass for frames whose full-resolution copy never came. */
  private async extractMissing(timestampsMs: number[]): Promise<[number, WrittenFrame][]> {
    const { file, workDir, fps, threads, signal } = this.o;
    this.timings.secondPass += timestampsMs.length;
    const pngs = await extractFrames(file, timestampsMs, workDir, { fps, threads, signal });
    return Promise.all(
      timestampsMs.map(async (t, i) => [t, { timestampMs: t, pngPath: pngs[i]!, thumbnailDataUrl: await thumbnail(pngs[i]!, this.o.thumbnailSize, { signal }) }] as [number, WrittenFrame]),
    );
  }
}

/** Same names as extractFrames gives its PNGs. */
const fileName = (ms: number) => `frame-${String(Math.round(ms)).padStart(8, '0')}ms.png`;
