import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Ocr } from '@claude-scope/ocr';
import { analyzeVideo, type VideoAnalysis } from '@claude-scope/video';
import { COMPARE_WIDTH, readKeyframes, type InferredFrame, type ReadOptions, type TypedSource } from '@claude-scope/vision';

export interface VisionRun {
  video: VideoAnalysis;
  frames: InferredFrame[];
  /** The vision lane's part alone (keyframes compared, OCR, inference), wall and CPU of this process (all threads). */
  visionMs: number;
  visionCpuMs: number;
  videoMs: number;
}

/** What the vision lane gets from the video lane: keyframe images with their times, the frame size, the pointer track. */
export type VisionInput = Pick<VideoAnalysis, 'pointer'> & {
  probe: Pick<VideoAnalysis['probe'], 'width' | 'height'>;
  frames: Pick<VideoAnalysis['frames'][number], 'timestampMs' | 'fromMs' | 'pngPath' | 'typed' | 'returned'>[];
};

/**
 * The vision lane's reading of a video lane's keyframes, as the worker does it with the seed unreachable (pixels
 * only): the same readKeyframes, fed from local PNGs instead of storage. Wall and CPU of this process (every thread:
 * tesseract's workers, sharp's) around it.
 */
export async function readFrames(video: VisionInput, ocr: Ocr, seedUrl: string, onReading?: ReadOptions['onReading']) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const frames = await readKeyframes(
    video.frames.map((f) => ({
      timestamp: f.timestampMs,
      fromMs: f.fromMs,
      ...(f.returned ? { returned: f.returned } : {}),
      gray: async () => {
        const { data, info } = await sharp(f.pngPath).resize({ width: COMPARE_WIDTH }).grayscale().raw().toBuffer({ resolveWithObject: true });
        return { data: new Uint8Array(data), width: info.width, height: info.height };
      },
      // As the worker reads a keyframe (services/worker/src/jobs/vision.ts): the PNG's bytes, each area decoded
      // from them by OCR's preparation.
      read: async (areas) => {
        const png = await readFile(f.pngPath);
        if (areas === null) return ocr.read({ data: png }, { looks: true });
        return (await Promise.all(areas.map((region) => ocr.read({ data: png }, { region, looks: true })))).flat();
      },
      ...(f.typed ? { typed: typedSource(f.typed, ocr) } : {}),
    })),
    { width: video.probe.width, height: video.probe.height, pointer: video.pointer, seedUrl },
    onReading ? { onReading } : {},
  );
  const cpu = process.cpuUsage(cpu0);
  return { frames, visionMs: performance.now() - t0, visionCpuMs: (cpu.user + cpu.system) / 1000 };
}

/** As the worker reads a keyframe's typed frame: one area of its PNG. */
function typedSource(t: NonNullable<VisionInput['frames'][number]['typed']>, ocr: Ocr): TypedSource {
  const { pngPath, timestampMs, ...at } = t;
  return { timestamp: timestampMs, ...at, read: async (region) => ocr.read({ data: await readFile(pngPath) }, { region }) };
}

/** A recording through the video lane's analysis and then the vision lane's reading. */
export async function readRecording(file: string, ocr: Ocr, seedUrl: string, onReading?: ReadOptions['onReading']): Promise<VisionRun> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-vision-'));
  try {
    const t0 = performance.now();
    const video = await analyzeVideo(file, { workDir: work });
    const videoMs = performance.now() - t0;
    return { video, videoMs, ...(await readFrames(video, ocr, seedUrl, onReading)) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
