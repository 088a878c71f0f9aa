import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTruth, generateRecording, probeVideo, type GeneratedRecording } from '../src/index.js';

const run = promisify(execFile);
const outDir = mkdtempSync(join(tmpdir(), 'testkit-rec-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const W = 640, H = 360, FPS = 10;
const options = { format: 'webm', width: W, height: H, fps: FPS, outDir } as const;

/** Decoded rgb24 frames of the video, by frame index. */
async function frames(path: string, indices: number[]): Promise<Buffer[]> {
  const select = indices.map((n) => `eq(n\\,${n})`).join('+');
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-vf', `select='${select}'`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer', maxBuffer: 1 << 28 });
  const size = W * H * 3;
  const byIndex = [...indices].sort((a, b) => a - b);
  return indices.map((n) => stdout.subarray(byIndex.indexOf(n) * size, (byIndex.indexOf(n) + 1) * size));
}

/** Bounding box of the pixels that clearly differ (lossy coding noise stays under the threshold). */
function diffBox(a: Buffer, b: Buffer) {
  let count = 0, x0 = W, y0 = H, x1 = -1, y1 = -1;
  for (let p = 0; p < W * H; p++) {
    const d = Math.max(Math.abs(a[p * 3]! - b[p * 3]!), Math.abs(a[p * 3 + 1]! - b[p * 3 + 1]!), Math.abs(a[p * 3 + 2]! - b[p * 3 + 2]!));
    if (d < 48) continue;
    count++;
    const x = p % W, y = Math.floor(p / W);
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  return { count, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

describe('generateRecording (smoke, 640×360)', () => {
  let first: GeneratedRecording;

  it('makes a video that matches its truth file', { timeout: 120_000 }, async () => {
    // verify: every frame is screenshotted, and a change the page did not announce fails the run.
    first = await generateRecording('smoke', { ...options, verify: true });
    expect(first.cached).toBe(false);
    const { truth } = first;
    expect(JSON.parse(readFileSync(first.truthPath, 'utf8'))).toEqual(truth);

    const info = await probeVideo(first.videoPath);
    expect(info).toMatchObject({ width: W, height: H, codec: 'vp9' });
    expect(Math.abs(info.durationMs - truth.durationMs)).toBeLessThanOrEqual(truth.durationMs * 0.05);
    expect(truth).toMatchObject({ scenario: 'smoke', width: W, height: H, fps: FPS });
    expect(truth.durationMs).toBeGreaterThan(4000);

    expect(checkTruth(truth)).toEqual([]);
    truth.steps.forEach((s, i) => {
      expect(s.settledMs).toBeGreaterThanOrEqual(s.startMs);
      if (i) expect(s.startMs).toBeGreaterThan(truth.steps[i - 1]!.settledMs);
    });
    truth.timeline.forEach((e, i) => i && expect(e.t).toBeGreaterThanOrEqual(truth.timeline[i - 1]!.t));

    expect(truth.timeline.map(({ t: _, ...e }) => e)).toEqual([
      { type: 'navigate', url: `${truth.origin}/tasks` },
      { type: 'click', role: 'textbox', name: 'Task name' },
      { type: 'fill', role: 'textbox', name: 'Task name', value: 'Buy milk' },
      { type: 'press', key: 'Enter' },
    ]);
    // 8 characters, but a trailing space looks like nothing until the next letter: 7 visible states.
    expect(truth.steps.map((s) => s.kind)).toEqual(['navigate', 'click', ...Array(7).fill('type'), 'list-grow', 'toast-hide']);
    expect(truth.cursorOnly.length).toBeGreaterThan(0);
  });

  it('steps and cursor-only stretches are what the pixels show', async () => {
    const { truth, videoPath } = first;
    const idx = (ms: number) => Math.round((ms * FPS) / 1000);
    const grow = truth.steps.find((s) => s.kind === 'list-grow')!;
    const still = truth.cursorOnly[0]!;
    const [beforeGrow, atGrow, beforeStill, atStill] = await frames(videoPath, [idx(grow.startMs) - 1, idx(grow.startMs), idx(still.startMs) - 1, idx(still.startMs)]);
    expect(diffBox(beforeGrow!, atGrow!).count).toBeGreaterThan(500);
    const cursor = diffBox(beforeStill!, atStill!);
    expect(cursor.count).toBeGreaterThan(0);
    expect(cursor.width).toBeLessThan(60);
    expect(cursor.height).toBeLessThan(60);
  });

  it('reuses the cached files on the second call', async () => {
    const mtime = statSync(first.videoPath).mtimeMs;
    const again = await generateRecording('smoke', options);
    expect(again.cached).toBe(true);
    expect(again.videoPath).toBe(first.videoPath);
    expect(again.truth).toEqual(first.truth);
    expect(statSync(again.videoPath).mtimeMs).toBe(mtime);
  });
});
