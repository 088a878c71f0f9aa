import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { analyzeVideo, ChangeDetector, decodeGray, decodePlan, extractFrames, ffmpegPath, probe, thumbnail } from '@claude-scope/video';

export interface Parts {
  totalMs: number;
  frames: number;
  /** Named parts of the run (ms); for the lane, its own timings. */
  parts: Record<string, number>;
}

/**
 * `baseline` is the lane of another checkout (`--baseline <dir>`, e.g. a git worktree of the commit before a
 * change), run alternately with this one's in the same run: a before/after pair under the same load.
 */
export const MODES = ['lane', 'baseline', 'two-pass', 'ffmpeg-gray-alone', 'ffmpeg-alone', 'decode', 'decode+detect', 'decode+detect+full', 'decode+detect+every-full'] as const;
export type Mode = (typeof MODES)[number];

/** The lane as it is: analyzeVideo end to end, with its own breakdown. */
async function lane(file: string, workDir: string, candidatesMs: number[]): Promise<Parts> {
  const t0 = performance.now();
  const { frames, timings } = await analyzeVideo(file, { workDir, candidatesMs });
  return { totalMs: performance.now() - t0, frames: frames.length, parts: { ...timings } };
}

/**
 * The lane's previous flow, rebuilt from the package's own parts for comparison in the same run:
 * probe → decode + detect → a second decoding pass extracting the PNGs → thumbnails from the PNGs.
 */
async function twoPass(file: string, workDir: string, candidatesMs: number[]): Promise<Parts> {
  const t0 = performance.now();
  const p = await probe(file);
  const t1 = performance.now();
  let det: ChangeDetector | null = null;
  await decodeGray(file, {
    probe: p,
    onFrame: (f) => {
      det ??= new ChangeDetector({ width: f.width, height: f.height, candidatesMs });
      det.push(f.data, f.timestampMs);
    },
  });
  const steps = det!.finish();
  const t2 = performance.now();
  const pngs = await extractFrames(file, steps.map((s) => s.timestampMs), workDir);
  const t3 = performance.now();
  await Promise.all(pngs.map((png) => thumbnail(png)));
  const t4 = performance.now();
  return { totalMs: t4 - t0, frames: steps.length, parts: { probeMs: t1 - t0, decodeDetectMs: t2 - t1, extractMs: t3 - t2, thumbnailsMs: t4 - t3 } };
}

/**
 * The lane's decode pass cut down, to see what each part adds: the downscaled gray decode alone;
 * with the detector; with full-resolution frames written too (each deleted at once, no images).
 */
async function partial(mode: Mode, file: string, workDir: string, candidatesMs: number[]): Promise<Parts> {
  const t0 = performance.now();
  const p = await probe(file);
  const dir = mode.endsWith('full') ? await mkdtemp(join(workDir, 'full-')) : undefined;
  let det: ChangeDetector | null = null;
  const detect = mode !== 'decode';
  try {
    await decodeGray(file, {
      probe: p,
      fullFramesDir: dir,
      // Every other frame, as analyzeVideo keeps them; or every frame, as it did before.
      fullEvery: mode === 'decode+detect+full' ? 2 : 1,
      onFrame: (f) => {
        if (f.full) void rm(f.full.path, { force: true });
        if (!detect) return;
        det ??= new ChangeDetector({ width: f.width, height: f.height, candidatesMs });
        det.push(f.data, f.timestampMs);
      },
    });
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
  const frames = det ? (det as ChangeDetector).finish().length : 0;
  return { totalMs: performance.now() - t0, frames, parts: {} };
}

/**
 * The lane's own ffmpeg command (decodePlan: gray frames and, with `full`, every other full-resolution
 * frame), with no Node reading anything: the gray frames go to /dev/null and each full-resolution
 * frame overwrites one file (the lane deletes its files as it goes). What ffmpeg costs before any work
 * of the lane; without `full`, the least any lane watching the pixels needs (decode + downscale).
 */
async function ffmpegAlone(file: string, workDir: string, full: boolean): Promise<Parts> {
  const t0 = performance.now();
  const p = await probe(file);
  const dir = await mkdtemp(join(workDir, 'full-'));
  try {
    const { args } = decodePlan(file, p, full ? { fullFramesDir: dir, fullEvery: 2 } : {});
    const pattern = args.findIndex((a) => a.endsWith('%08d.yuv'));
    const cmd = pattern < 0 ? args : [...args.slice(0, pattern), '-update', '1', join(dir, 'frame.yuv')];
    await new Promise<void>((resolve, reject) => {
      const c = spawn(ffmpegPath(), cmd, { stdio: ['ignore', 'ignore', 'ignore'] });
      c.once('error', reject);
      c.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { totalMs: performance.now() - t0, frames: 0, parts: {} };
}

export function runMode(mode: Mode, file: string, workDir: string, candidatesMs: number[]): Promise<Parts> {
  if (mode === 'lane') return lane(file, workDir, candidatesMs);
  if (mode === 'baseline') throw new Error('the baseline lane runs in its own checkout (run.ts), not here');
  if (mode === 'two-pass') return twoPass(file, workDir, candidatesMs);
  if (mode === 'ffmpeg-alone' || mode === 'ffmpeg-gray-alone') return ffmpegAlone(file, workDir, mode === 'ffmpeg-alone');
  return partial(mode, file, workDir, candidatesMs);
}
