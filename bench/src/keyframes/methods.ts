import type { Truth } from '@claude-scope/testkit';
import { evenlySpaced, mpdecimate, sceneCut } from './baselines.js';
import { laneFrames } from './lane.js';

export interface Method {
  name: string;
  /** Keyframe times (ms) this method picks in `file`. */
  frames(file: string, truth: Truth): Promise<number[]>;
}

/** The lane as the worker runs it (timeline events as candidates), the lane alone, and the baselines. */
export const METHODS: readonly Method[] = [
  {
    name: 'lane (timeline candidates)',
    frames: (file, truth) => laneFrames(file, truth.timeline.map((e) => e.t).filter((t) => t <= truth.durationMs)),
  },
  { name: 'lane (pixels only)', frames: (file) => laneFrames(file) },
  { name: "ffmpeg select='gt(scene,0.3)'", frames: (file) => sceneCut(file) },
  { name: '20 evenly spaced', frames: async (_, truth) => evenlySpaced(truth.durationMs, truth.fps, 20) },
  { name: 'mpdecimate (defaults)', frames: (file) => mpdecimate(file) },
];
