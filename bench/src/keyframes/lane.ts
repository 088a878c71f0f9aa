import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeVideo } from '@claude-scope/video';

/** The video lane end to end, as the worker calls it; returns the keyframe times (ms). */
export async function laneFrames(file: string, candidatesMs?: readonly number[]): Promise<number[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'bench-keyframes-'));
  try {
    const { frames } = await analyzeVideo(file, { workDir, ...(candidatesMs ? { candidatesMs } : {}) });
    return frames.map((f) => f.timestampMs);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
