import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@claude-scope/testkit';
import { analyzeVideo, decodeGray, extractFrames, yuv420pSize, yuv420pToRgb, yuv420pToRgbAsync, yuv420pToRgbHalf, yuv420pToRgbHalfJs, yuv420pToRgbJs, type GrayFrame } from '../src/index.js';
import { simdAvailable } from '../src/wasm/yuv.js';
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

describe('yuv420pToRgb in WebAssembly SIMD', () => {
  it('runs here (Node ≥ 16.4 has WebAssembly SIMD)', () => {
    expect(simdAvailable()).toBe(true);
  });

  it.each([
    [64, 36, 'bt601'],
    [1280, 720, 'bt709'],
    [37, 21, 'bt601'], // odd: a scalar tail after the 16-pixel blocks, a last row and column of chroma
    [15, 3, 'bt709'], // narrower than one block: scalar only
    [2, 2, 'bt601'],
    [67, 35, 'bt709'], // half size: 16-pixel blocks, then an odd last column and row
  ] as const)('matches the JS loops (full and half size) within one level, clamping included (%ix%i, %s)', async (w, h, matrix) => {
    const random = mulberry32(w * h);
    const yuv = new Uint8Array(yuv420pSize(w, h));
    for (let i = 0; i < yuv.length; i++) yuv[i] = Math.floor(random() * 256); // full byte range: clamps both ways
    const js = yuv420pToRgbJs(yuv, w, h, matrix);
    const halfJs = yuv420pToRgbHalfJs(yuv, w, h, matrix);
    const half = yuv420pToRgbHalf(yuv, w, h, matrix);
    expect([half.width, half.height]).toEqual([halfJs.width, halfJs.height]);
    for (const [simd, ref] of [[yuv420pToRgb(yuv, w, h, matrix), js], [await yuv420pToRgbAsync(yuv, w, h, matrix), js], [half.data, halfJs.data]] as const) {
      expect(simd.length).toBe(ref.length);
      let worst = 0;
      let same = 0;
      for (let i = 0; i < ref.length; i++) {
        const d = Math.abs(simd[i]! - ref[i]!);
        worst = Math.max(worst, d);
        if (d === 0) same++;
      }
      expect(worst).toBeLessThanOrEqual(1); // the JS tables round each entry, the SIMD code each product
      expect(same / ref.length).toBeGreaterThan(0.95);
    }
  });

  it('hands out results of its own: a later call into a smaller or larger frame leaves them alone', () => {
    const frame = (w: number, h: number, y: number, u: number, v: number) => {
      const f = new Uint8Array(yuv420pSize(w, h)).fill(u, w * h).fill(y, 0, w * h);
      return f.fill(v, w * h + Math.ceil(w / 2) * Math.ceil(h / 2));
    };
    const pixels = (rgb: Buffer) => new Set(Array.from({ length: rgb.length / 3 }, (_, i) => rgb.subarray(i * 3, i * 3 + 3).join()));
    const a = yuv420pToRgb(frame(1920, 1080, 180, 90, 160), 1920, 1080);
    const b = yuv420pToRgb(frame(64, 36, 60, 140, 100), 64, 36);
    const c = yuv420pToRgb(frame(2560, 1440, 120, 128, 128), 2560, 1440); // grows the module's memory
    expect([...pixels(a)]).toEqual([[...yuv420pToRgbJs(frame(2, 2, 180, 90, 160), 2, 2).subarray(0, 3)].join()]);
    expect([...pixels(b)]).toEqual([[...yuv420pToRgbJs(frame(2, 2, 60, 140, 100), 2, 2).subarray(0, 3)].join()]);
    expect([...pixels(c)]).toEqual(['121,121,121']); // 1.164 × (120 − 16)
  });

  it('is compiled from assembly/yuv.ts as committed (pnpm --filter @claude-scope/video build:wasm)', async () => {
    const script = new URL('../scripts/build-wasm.mjs', import.meta.url).pathname;
    const { build } = (await import(script)) as { build: () => Promise<string> };
    const committed = await readFile(new URL('../src/wasm/yuv-wasm.ts', import.meta.url), 'utf8');
    expect(await build()).toBe(committed);
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
