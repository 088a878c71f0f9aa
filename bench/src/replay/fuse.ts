import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarkedNode, Truth, TimelineEvent } from '@claude-scope/testkit';

import type { Step } from './lane.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Synthesis's fusion is TypeScript source of the worker (see lane.ts): imported by computed path, typed here.
interface FuseModule {
  fuseFrames(input: {
    seedUrl: string;
    timeline: TimelineEvent[] | null;
    video: { durationMs: number; width: number; height: number; frames: { timestamp: number; imageKey: string; thumbnailUrl: string; score: number }[] };
    steps: Step[];
  }): { timestamp: number; ariaTree: MarkedNode[] }[];
}

let fuse: FuseModule | undefined;

/**
 * The frames synthesis makes of the lane's steps when the keyframe detector is perfect: one keyframe per truth step,
 * at its `settledMs` (the first moment the video shows the state settled), so what is scored is the lane and the
 * pairing, not the detector. Returns each truth step's marked tree.
 */
export async function idealFrames(truth: Truth, seedUrl: string, timeline: TimelineEvent[] | null, steps: Step[]): Promise<MarkedNode[][]> {
  fuse ??= (await import(path.join(ROOT, 'services/worker/src/synthesis/fuse.ts'))) as FuseModule;
  const frames = truth.steps.map((s, i) => ({ timestamp: s.settledMs, imageKey: `frame-${i}`, thumbnailUrl: '', score: 1 }));
  const fused = fuse.fuseFrames({ seedUrl, timeline, video: { durationMs: truth.durationMs, width: truth.width, height: truth.height, frames }, steps });
  return fused.map((f) => f.ariaTree);
}
