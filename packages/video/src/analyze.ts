import { mkdir } from 'node:fs/promises';
import { ChangeDetector, type DetectorOptions, type PointerSample, type UiState } from './detector/index.js';
import { decodeGray } from './ffmpeg/decode.js';
import { probe as probeFile, type VideoProbe } from './ffmpeg/probe.js';
import { FrameFiles } from './frame-files.js';
import { KeyframeFeed } from './keyframe-feed.js';
import { KeyframeWriter, type TypedFrame } from './keyframes.js';

export interface AnalyzeOptions {
  /** Where the full-resolution PNGs go (created if missing). */
  workDir: string;
  /** User event times (ms): the settled frame after each one is kept even without a visible change. */
  candidatesMs?: readonly number[];
  /** Cap on keyframes (default 60). */
  maxFrames?: number;
  onProgress?: (p: AnalyzeProgress) => void;
  signal?: AbortSignal;
  /** Analysis width in pixels (default 480) and sampling rate (default 10 fps). */
  analysisWidth?: number;
  fps?: number;
  /**
   * Keep every n-th sampled frame at full resolution for the keyframe images (default 2). A state settles over ≥ 3 frames at 10 fps (its last changing frame and the quiet ones
   * after), and any of them can stand for it, so every other frame always leaves one; a stream's
   * last frames are all kept. A state left without one gets its images from a second pass.
   */
  fullEvery?: number;
  /** ffmpeg decoder threads (default 0: ffmpeg's choice, see decodeGray). */
  threads?: number;
  /** Longest thumbnail side (default 640). */
  thumbnailSize?: number;
  /** Stop with RecordingTooLongError once decoded frames pass this length (see decodeGray). */
  maxDurationMs?: number;
  /** A probe of this file already made (the worker checks the duration first): saves running ffprobe again. */
  probe?: VideoProbe;
  /** Detector tuning beyond the defaults. */
  detector?: Partial<Omit<DetectorOptions, 'width' | 'height' | 'candidatesMs' | 'maxStates'>>;
}

export interface AnalyzeProgress {
  stage: 'probe' | 'decode' | 'extract' | 'thumbnails';
  /** Overall progress, 0–100. */
  percent: number;
}

export interface Keyframe {
  /** Time of the frame shown: one of the settled state's frames, at most `fullEvery` − 1 before the detector's state. */
  timestampMs: number;
  pngPath: string;
  thumbnailDataUrl: string;
  /** Fraction of the frame that changed since the previous keyframe (1 for the first). */
  score: number;
  /** The earliest frame already showing this state: the change happened before it. */
  fromMs: number;
  /** The user events this keyframe answers (empty when found from pixels alone). */
  candidatesMs: number[];
  /** A frame showing text typed before this keyframe that no keyframe shows (a value submitted with Enter). */
  typed?: TypedKeyframe;
  /**
   * This keyframe shows the previous one's state come back: another state showed from `fromMs` to `untilMs` without
   * ever holding still (a spinner turning in it), then gave way to it (a retry that failed the same way).
   */
  returned?: ReturnedKeyframe;
}

/** See Keyframe.returned; `box`: where the state in between differed from this one (the video's pixels). */
export interface ReturnedKeyframe {
  fromMs: number;
  untilMs: number;
  box: { x: number; y: number; w: number; h: number };
}

/** See Keyframe.typed: a frame between two keyframes, with where the typing caret stood (the video's pixels). */
export interface TypedKeyframe {
  timestampMs: number;
  pngPath: string;
  /** From after the last character typed; else from just before it (the last character or two may be missing). */
  whole: boolean;
  x: number;
  y: number;
}

/** Where the time went (ms). Image work overlaps the decode: its figures are CPU time, summed. */
export interface AnalyzeTimings {
  probeMs: number;
  /** The one decoding pass, wall time: ffmpeg, the detector and (overlapping) keyframe images. */
  decodeMs: number;
  /** Of which the detector itself (main thread). */
  detectMs: number;
  /** Keyframe images: reading the frame ffmpeg wrote, YUV→RGB on the main thread (WebAssembly
   * SIMD), then PNG + thumbnail encoding in sharp's threads. */
  readMs: number;
  convertMs: number;
  encodeMs: number;
  /** Wall time after the decode ended: the last images, dropping images the cap removed. */
  finishMs: number;
  totalMs: number;
  /** Keyframes whose images needed a second decoding pass (their full-resolution frame never came). */
  secondPassFrames: number;
}

export interface VideoAnalysis {
  probe: VideoProbe;
  frames: Keyframe[];
  /** Where the pointer moved, in the video's pixels (empty when the recording draws none). */
  pointer: PointerSample[];
  timings: AnalyzeTimings;
}

/**
 * probe → one decoding pass: downscaled gray frames stream to the detector, and a second output of
 * the same pass writes every sampled frame at full resolution to a scratch directory, from which the
 * keyframes' PNGs and thumbnails are made as soon as the detector picks them (the rest is deleted
 * as it goes). The previous flow decoded the file a second time to extract the PNGs.
 */
/** What analyzeVideo decodes for the detector unless told otherwise (AnalyzeOptions). */
export const ANALYSIS_DEFAULTS = { fps: 10, width: 480, fullEvery: 2 } as const;

export async function analyzeVideo(file: string, o: AnalyzeOptions): Promise<VideoAnalysis> {
  const { signal } = o;
  const fps = o.fps ?? ANALYSIS_DEFAULTS.fps;
  const report = (stage: AnalyzeProgress['stage'], percent: number) => o.onProgress?.({ stage, percent: Math.round(percent) });
  const t0 = performance.now();

  report('probe', 0);
  const probe = o.probe ?? (await probeFile(file, { signal }));
  const t1 = performance.now();
  await mkdir(o.workDir, { recursive: true });
  const files = await FrameFiles.create(o.workDir);
  const writer = new KeyframeWriter({ workDir: o.workDir, files, thumbnailSize: o.thumbnailSize ?? 640, matrix: probe.colorMatrix, signal, file, fps, threads: o.threads });
  try {
    let detector: ChangeDetector | null = null;
    let detectMs = 0;
    const feed = new KeyframeFeed(writer, files);
    try {
      await decodeGray(file, {
        probe,
        fps,
        width: o.analysisWidth ?? ANALYSIS_DEFAULTS.width,
        threads: o.threads,
        fullFramesDir: files.dir,
        fullEvery: o.fullEvery ?? ANALYSIS_DEFAULTS.fullEvery,
        reuseFrameBuffer: true, // the detector copies what it keeps
        maxDurationMs: o.maxDurationMs,
        signal,
        onProgress: (p) => report('decode', p * 0.9),
        onFrame: (f) => {
          const s = performance.now();
          const d = (detector ??= new ChangeDetector({
            ...o.detector,
            width: f.width,
            height: f.height,
            candidatesMs: o.candidatesMs,
            maxStates: o.maxFrames,
          }));
          feed.offer(f.timestampMs, f.full);
          d.push(f.data, f.timestampMs);
          feed.update(d);
          detectMs += performance.now() - s;
        },
      });
    } finally {
      files.end();
    }
    const t2 = performance.now();
    const d = detector!; // decodeGray throws when no frame was decoded
    const states = d.finish();
    feed.update(d, true);

    report('extract', 90);
    const images = await writer.collect(states.map((s) => s.timestampMs));
    const typed = await writer.collectTyped(states.map((s) => s.timestampMs));
    const scale = probe.width / d.width;
    report('thumbnails', 100);
    const t3 = performance.now();
    const w = writer.timings;
    return {
      probe,
      pointer: scalePointer(d.pointer, scale),
      frames: states.map((s, i) => ({
        timestampMs: images[i]!.timestampMs,
        pngPath: images[i]!.pngPath,
        thumbnailDataUrl: images[i]!.thumbnailDataUrl,
        score: s.score,
        fromMs: s.fromMs,
        candidatesMs: s.candidatesMs,
        ...typedOf(typed.get(s.timestampMs), s, scale),
        ...returnedOf(s, scale, probe),
      })),
      timings: {
        probeMs: t1 - t0,
        decodeMs: t2 - t1,
        detectMs,
        readMs: w.readMs,
        convertMs: w.convertMs,
        encodeMs: w.encodeMs,
        finishMs: t3 - t2,
        totalMs: t3 - t0,
        secondPassFrames: w.secondPass,
      },
    };
  } finally {
    files.end();
    await writer.settle();
    await files.close();
  }
}

/**
 * The detector's pointer track in the video's pixels, thinned to the samples where it moved at least two pixels
 * (a still pointer adds nothing, and the track is stored with the lane's result).
 */
/** UiState.returned in the video's pixels. */
function returnedOf(s: UiState, scale: number, size: { width: number; height: number }): { returned?: ReturnedKeyframe } {
  if (!s.returned) return {};
  const { fromMs, untilMs, box: b } = s.returned;
  const x = Math.max(0, Math.floor(b.x0 * scale));
  const y = Math.max(0, Math.floor(b.y0 * scale));
  const w = Math.min(size.width, Math.ceil(b.x1 * scale)) - x;
  const h = Math.min(size.height, Math.ceil(b.y1 * scale)) - y;
  return { returned: { fromMs, untilMs, box: { x, y, w, h } } };
}

function typedOf(frame: TypedFrame | undefined, s: UiState, scale: number): { typed?: TypedKeyframe } {
  if (!frame || !s.typed) return {};
  return { typed: { ...frame, x: Math.round(s.typed.x * scale), y: Math.round(s.typed.y * scale) } };
}

function scalePointer(track: readonly PointerSample[], scale: number): PointerSample[] {
  const out: PointerSample[] = [];
  for (const p of track) {
    const x = Math.round(p.x * scale);
    const y = Math.round(p.y * scale);
    const last = out.at(-1);
    if (last && Math.abs(last.x - x) < 2 && Math.abs(last.y - y) < 2) continue;
    out.push({ t: p.t, x, y });
  }
  return out;
}
