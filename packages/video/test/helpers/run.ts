import { ChangeDetector, type DetectorOptions, type UiState } from '../../src/detector/index.js';
import { H, noisy, rng, W, type Img } from './scene.js';

export interface RunOptions extends Partial<DetectorOptions> {
  fps?: number;
  durationMs: number;
  /** Noise amplitude added to every frame (0 for none). */
  noise?: number;
  /** Frame times to use instead of a fixed rate (variable frame rate). */
  times?: number[];
}

/** Renders `frameAt(t)` at a fixed rate (or at `times`) through a detector; returns its steps. */
export function detect(frameAt: (t: number) => Img, o: RunOptions): UiState[] {
  const { fps = 15, durationMs, noise = 4, times, ...opts } = o;
  const det = new ChangeDetector({ width: W, height: H, ...opts });
  const random = rng(7);
  const ts = times ?? Array.from({ length: Math.floor((durationMs * fps) / 1000) + 1 }, (_, i) => Math.round((i * 1000) / fps));
  for (const t of ts) det.push(noise > 0 ? noisy(frameAt(t), random, noise) : frameAt(t), t);
  return det.finish();
}

export const times = (steps: UiState[]) => steps.map((s) => s.timestampMs);
