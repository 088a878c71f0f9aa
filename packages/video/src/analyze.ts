import { mkdir } from 'node:fs/promises';
import { ChangeDetector, type DetectorOptions } from './detector/index.js';
import { decodeGray } from './ffmpeg/decode.js';
import { extractFrames } from './ffmpeg/extract.js';
import { probe as probeFile, type VideoProbe } from './ffmpeg/probe.js';
import { thumbnail } from './thumbnail.js';

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
  /** ffmpeg decoder threads (default 2). */
  threads?: number;
  /** Longest thumbnail side (default 640). */
  thumbnailSize?: number;
  /** Detector tuning beyond the defaults. */
  detector?: Partial<Omit<DetectorOptions, 'width' | 'height' | 'candidatesMs' | 'maxSteps'>>;
}

export interface AnalyzeProgress {
  stage: 'probe' | 'decode' | 'extract' | 'thumbnails';
  /** Overall progress, 0–100. */
  percent: number;
}

export interface Keyframe {
  timestampMs: number;
  pngPath: string;
  thumbnailDataUrl: string;
  /** Fraction of the frame that changed since the previous keyframe (1 for the first). */
  score: number;
  /** The user events this keyframe answers (empty when found from pixels alone). */
  candidatesMs: number[];
}

export interface VideoAnalysis {
  probe: VideoProbe;
  frames: Keyframe[];
}

/** probe → decode + detect (one streaming pass) → extract PNGs (one pass) → thumbnails. */
export async function analyzeVideo(file: string, o: AnalyzeOptions): Promise<VideoAnalysis> {
  const { signal } = o;
  const fps = o.fps ?? 10;
  const report = (stage: AnalyzeProgress['stage'], percent: number) => o.onProgress?.({ stage, percent: Math.round(percent) });

  report('probe', 0);
  const probe = await probeFile(file, { signal });
  let detector: ChangeDetector | null = null;
  await decodeGray(file, {
    probe,
    fps,
    width: o.analysisWidth,
    threads: o.threads,
    signal,
    onProgress: (p) => report('decode', p * 0.85),
    onFrame: (f) => {
      detector ??= new ChangeDetector({
        ...o.detector,
        width: f.width,
        height: f.height,
        candidatesMs: o.candidatesMs,
        maxSteps: o.maxFrames,
      });
      detector.push(f.data, f.timestampMs);
    },
  });
  const steps = detector!.finish(); // decodeGray throws when no frame was decoded

  report('extract', 85);
  await mkdir(o.workDir, { recursive: true });
  const pngs = await extractFrames(
    file,
    steps.map((s) => s.timestampMs),
    o.workDir,
    { fps, threads: o.threads, signal },
  );

  report('thumbnails', 95);
  let done = 0;
  const thumbs = await Promise.all(
    pngs.map(async (png) => {
      const url = await thumbnail(png, o.thumbnailSize ?? 640, { signal });
      report('thumbnails', 95 + (5 * ++done) / pngs.length);
      return url;
    }),
  );
  return {
    probe,
    frames: steps.map((s, i) => ({
      timestampMs: s.timestampMs,
      pngPath: pngs[i]!,
      thumbnailDataUrl: thumbs[i]!,
      score: s.score,
      candidatesMs: s.candidatesMs,
    })),
  };
}
