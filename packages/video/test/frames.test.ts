import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@claude-scope/testkit';
import { analyzeVideo, decodeGray, extractFrames, yuv420pSize, yuv420pToRgb, yuv420pToRgbHalf, type GrayFrame } from '../src/index.js';
import { FrameFiles } from '../src/frame-files.js';
import { KeyframeWriter } from '../src/keyframes.js';
import { makeVideo } from './helpers/media.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'video-frames-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Mean absolute difference per channel of two same-sized images. */
async function meanDiff(a: string | Buffer, b: string | Buffer): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((i) => sharp(i).removeAlpha().raw().toBuffer()));
  let sum = 0;
  for (let i = 0; i < x!.length; i++) sum += Math.abs(x![i]! - y![i]!);
  return sum / x!.length;
}

describe('yuv420pToRgb', () => {
  it('maps video black, white and gray to RGB, for odd sizes too', () => {
    const w = 3;
    const h = 3;
    const yuv = new Uint8Array(yuv420pSize(w, h)).fill(128); // chroma neutral
    yuv.fill(16, 0, 3); // first row: black
    yuv.fill(235, 3, 6); // second row: white
    yuv.fill(126, 6, 9); // third row: mid gray
    const rgb = yuv420pToRgb(yuv, w, h);
    expect([...rgb.subarray(0, 9)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...rgb.subarray(9, 18)]).toEqual(Array(9).fill(255));
    expect([...rgb.subarray(18, 27)]).toEqual(Array(9).fill(128));
  });
});

describe('yuv420pToRgbHalf', () => {
  it.each([
    [64, 36],
    [5, 3], // odd: the last column and row stand for themselves
  ])('is the full-size conversion averaged over 2×2 blocks (%ix%i)', (w, h) => {
    const random = mulberry32(5);
    const yuv = new Uint8Array(yuv420pSize(w, h));
    // Colours inside the RGB cube, so no pixel clamps (a mean of clamped values is another matter).
    for (let i = 0; i < w * h; i++) yuv[i] = 70 + Math.floor(random() * 110);
    for (let i = w * h; i < yuv.length; i++) yuv[i] = 108 + Math.floor(random() * 40);
    const full = yuv420pToRgb(yuv, w, h);
    const half = yuv420pToRgbHalf(yuv, w, h);
    expect([half.width, half.height]).toEqual([Math.ceil(w / 2), Math.ceil(h / 2)]);
    for (let cy = 0; cy < half.height; cy++) {
      for (let cx = 0; cx < half.width; cx++) {
        const xs = [2 * cx, Math.min(w - 1, 2 * cx + 1)];
        const ys = [2 * cy, Math.min(h - 1, 2 * cy + 1)];
        for (let c = 0; c < 3; c++) {
          let sum = 0;
          for (const y of ys) for (const x of xs) sum += full[(y * w + x) * 3 + c]!;
          // Rounding happens before the mean on one side, after it on the other.
          expect(Math.abs(half.data[(cy * half.width + cx) * 3 + c]! - sum / 4), `pixel ${cx},${cy} channel ${c}`).toBeLessThanOrEqual(1.5);
        }
      }
    }
  });
});

describe('decodeGray with full-resolution frames', () => {
  it('writes every sampled frame as raw yuv420p, one file per gray frame, in the same pass', async () => {
    const file = await makeVideo({ codec: 'webm' });
    const dir = await mkdtemp(join(work, 'full-'));
    const frames: GrayFrame[] = [];
    await decodeGray(file, { fullFramesDir: dir, onFrame: (f) => void frames.push(f) });
    expect(frames).toHaveLength(60);
    expect(await readdir(dir)).toHaveLength(60);
    const f = frames[20]!.full!;
    expect(f).toMatchObject({ width: 640, height: 360, bytes: 640 * 360 * 1.5 });
    expect((await stat(f.path)).size).toBe(f.bytes);
    expect(f.path.endsWith('00000020.yuv')).toBe(true);
  });
});

describe('decodeGray with every other full-resolution frame', () => {
  it('writes frames 0, 2, 4, … and every frame at the end, numbered as they come', async () => {
    const file = await makeVideo({ codec: 'webm' });
    const dir = await mkdtemp(join(work, 'every-'));
    const frames: GrayFrame[] = [];
    await decodeGray(file, { fullFramesDir: dir, fullEvery: 2, onFrame: (f) => void frames.push(f) });
    expect(frames).toHaveLength(60);
    const withFull = frames.filter((f) => f.full).map((f) => f.index);
    // 60 frames predicted: 57, 58, 59 are the tail.
    expect(withFull).toEqual([...Array.from({ length: 29 }, (_, i) => 2 * i), 57, 58, 59]);
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(withFull.length);
    for (const [n, f] of frames.filter((x) => x.full).entries()) {
      expect(f.full!.path.endsWith(`${String(n).padStart(8, '0')}.yuv`)).toBe(true);
      expect((await stat(f.full!.path)).size).toBe(f.full!.bytes);
    }
    // The same pixels as when every frame is written.
    const all = await mkdtemp(join(work, 'all-'));
    await decodeGray(file, { fullFramesDir: all, onFrame: () => {} });
    const f = frames[40]!.full!;
    expect(Buffer.compare(await readFile(f.path), await readFile(join(all, '00000040.yuv')))).toBe(0);
  });
});

describe('keyframes from the decode pass', () => {
  it('are the frames extractFrames gives, and leave no scratch files', async () => {
    const file = await makeVideo({ codec: 'mp4' });
    const dir = join(work, 'same');
    const { frames } = await analyzeVideo(file, { workDir: dir });
    expect(frames.length).toBeGreaterThan(2);
    const again = await extractFrames(file, frames.map((f) => f.timestampMs), join(work, 'again'));
    for (const [i, f] of frames.entries()) {
      // Both are the same decoded frame; only YUV→RGB rounding and chroma placement may differ.
      expect(await meanDiff(f.pngPath, again[i]!), `frame at ${f.timestampMs} ms`).toBeLessThan(2);
    }
    expect((await readdir(dir)).filter((n) => !n.endsWith('.png'))).toEqual([]);
  });

  it('falls back to a second pass for a frame whose full-resolution copy never came', async () => {
    const file = await makeVideo({ codec: 'webm' });
    const dir = join(work, 'fallback');
    const files = await FrameFiles.create(work);
    const writer = new KeyframeWriter({ workDir: dir, files, thumbnailSize: 320, matrix: 'bt601', file, fps: 10 });
    files.end(); // the decode is over and the frame file was never written
    writer.add(1800, 1800, { path: join(files.dir, 'missing.yuv'), width: 640, height: 360, bytes: yuv420pSize(640, 360) });
    const [img] = await writer.collect([1800]);
    const [want] = await extractFrames(file, [1800], join(work, 'fallback-want'));
    expect(await meanDiff(img!.pngPath, want!)).toBe(0);
    expect(img!.thumbnailDataUrl).toMatch(/^data:image\/png;base64,/);
    await files.close();
  });
});
