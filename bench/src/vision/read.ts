import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Ocr } from '@claude-scope/ocr';
import { analyzeVideo, type VideoAnalysis } from '@claude-scope/video';
import { COMPARE_WIDTH, readKeyframes, type InferredFrame, type ReadOptions } from '@claude-scope/vision';

export interface VisionRun {
  video: VideoAnalysis;
  frames: InferredFrame[];
  /** The vision lane's part alone (keyframes compared, OCR, inference), wall and CPU of this process (all threads). */
  visionMs: number;
  visionCpuMs: number;
  videoMs: number;
}

/**
 * A recording through the video lane's analysis and then the vision lane's reading, as the worker does it with
 * the seed unreachable (pixels only): the same readKeyframes, fed from local PNGs instead of storage.
 */
export async function readRecording(file: string, ocr: Ocr, seedUrl: string, onReading?: ReadOptions['onReading']): Promise<VisionRun> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-vision-'));
  try {
    const t0 = performance.now();
    const video = await analyzeVideo(file, { workDir: work });
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    const frames = await readKeyframes(
      video.frames.map((f) => ({
        timestamp: f.timestampMs,
        fromMs: f.fromMs,
        gray: async () => {
          const { data, info } = await sharp(f.pngPath).resize({ width: COMPARE_WIDTH }).grayscale().raw().toBuffer({ resolveWithObject: true });
          return { data: new Uint8Array(data), width: info.width, height: info.height };
        },
        read: async (areas) => {
          const png = await sharp(f.pngPath).toBuffer();
          if (areas === null) return ocr.read({ data: png });
          return (await Promise.all(areas.map((region) => ocr.read({ data: png }, { region })))).flat();
        },
      })),
      { width: video.probe.width, height: video.probe.height, pointer: video.pointer, seedUrl },
      onReading ? { onReading } : {},
    );
    const cpu = process.cpuUsage(cpu0);
    return { video, frames, visionMs: performance.now() - t1, visionCpuMs: (cpu.user + cpu.system) / 1000, videoMs: t1 - t0 };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
