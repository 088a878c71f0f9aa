import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessDecode,
  configureVideo,
  decodeGray,
  extractFrames,
  FfmpegUnavailableError,
  ffmpegPath,
  probe,
  thumbnail,
  UndecodableVideoError,
  type GrayFrame,
} from '../src/index.js';
import { makeVideo, MEDIA_DIR } from './helpers/media.js';
import { children } from './helpers/procs.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'video-shell-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A damaged copy of `src`: cut to `keep` of its bytes, or with runs of garbage written over it. */
async function damaged(src: string, how: { keep?: number; garbage?: number }): Promise<string> {
  const buf = await readFile(src);
  const out = join(work, `${how.keep ?? 'g'}-${how.garbage ?? 0}-${src.split('/').pop()}`);
  if (how.keep) {
    await writeFile(out, buf.subarray(0, Math.floor(buf.length * how.keep)));
  } else {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < (how.garbage ?? 0); i++) {
      const at = 1000 + (next() % (buf.length - 1100));
      for (let j = 0; j < 48; j++) buf[at + j] = next() & 0xff;
    }
    await writeFile(out, buf);
  }
  return out;
}

describe('probe', () => {
  it('reads size, rate, codec, container and duration', async () => {
    const webm = await probe(await makeVideo({ codec: 'webm' }));
    expect(webm).toMatchObject({ width: 640, height: 360, fps: 30, codec: 'vp9', container: 'matroska,webm', durationMs: 6000, durationSource: 'container' });
    const mp4 = await probe(await makeVideo({ codec: 'mp4' }));
    expect(mp4).toMatchObject({ width: 640, height: 360, codec: 'h264', durationMs: 6000 });
    expect(mp4.container).toContain('mp4');
  });

  it('finds the duration of a MediaRecorder-style webm that does not store one', async () => {
    const live = await probe(await makeVideo({ codec: 'webm', live: true }));
    expect(live.durationSource).not.toBe('container');
    expect(live.durationMs).toBeGreaterThan(5900);
    expect(live.durationMs).toBeLessThan(6100);
  });

  it('rejects a file that is not a video', async () => {
    const txt = join(work, 'notes.webm');
    await writeFile(txt, 'definitely not a video\n'.repeat(100));
    await expect(probe(txt)).rejects.toBeInstanceOf(UndecodableVideoError);
  });
});

describe('decodeGray', () => {
  it('streams downscaled gray frames on a fixed grid, with progress', async () => {
    const file = await makeVideo({ codec: 'mp4' });
    const frames: GrayFrame[] = [];
    const progress: number[] = [];
    const sum = await decodeGray(file, {
      width: 320,
      onFrame: (f) => void frames.push(f),
      onProgress: (p) => progress.push(p),
    });
    expect(sum).toMatchObject({ width: 320, height: 180, frames: 60 });
    expect(frames.map((f) => f.timestampMs)).toEqual(Array.from({ length: 60 }, (_, i) => i * 100));
    expect(frames[0]!.data.length).toBe(320 * 180);
    expect(progress.at(-1)).toBeGreaterThanOrEqual(98);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // The toast (dark green on light gray) covers (380..600, 290..334) at 640 px from 1.5 s to 3.5 s.
    const at = (f: GrayFrame) => f.data[Math.round(312 / 2) * 320 + Math.round(490 / 2)]!;
    expect(at(frames[10]!)).toBeGreaterThan(200);
    expect(at(frames[20]!)).toBeLessThan(140);
    expect(at(frames[40]!)).toBeGreaterThan(200);
  });

  it('puts a variable-rate webm on the same grid, keeping its last frame', async () => {
    const file = await makeVideo({ codec: 'webm', vfr: true });
    const ts: number[] = [];
    await decodeGray(file, { onFrame: (f) => void ts.push(f.timestampMs) });
    expect(ts[0]).toBe(0);
    expect(ts.every((t, i) => t === i * 100)).toBe(true);
    expect(ts.at(-1)).toBe(4500); // the typed character, the file's last frame
  });

  it('passes native frame times through without a fixed rate', async () => {
    const file = await makeVideo({ codec: 'webm', vfr: true });
    const ts: number[] = [];
    await decodeGray(file, { fps: null, onFrame: (f) => void ts.push(f.timestampMs) });
    expect(ts).toEqual([0, 1500, 3500, 4500]); // only the frames where something changed
    const [png] = await extractFrames(file, [3500], join(work, 'native'), { fps: null });
    const { info } = await sharp(png!).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(640);
  });

  it('reports a truncated recording as undecodable, though ffmpeg exits 0', async () => {
    const file = await damaged(await makeVideo({ codec: 'webm' }), { keep: 0.5 });
    const err = await decodeGray(file, { onFrame: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UndecodableVideoError);
    expect((err as Error).message).toMatch(/damaged/);
  });

  it('reports garbage inside the stream as undecodable', async () => {
    const file = await damaged(await makeVideo({ codec: 'mp4', source: 'testsrc2=s=640x360:r=30:d=4', filters: 'null' }), { garbage: 30 });
    const err = await decodeGray(file, { onFrame: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UndecodableVideoError);
  });

  it('reports an mp4 cut before its index as undecodable', async () => {
    const file = await damaged(await makeVideo({ codec: 'mp4' }), { keep: 0.6 });
    await expect(decodeGray(file, { onFrame: () => {} })).rejects.toBeInstanceOf(UndecodableVideoError);
  });

  it('kills ffmpeg when aborted and leaves no process behind', async () => {
    const file = await makeVideo({ codec: 'mp4', durationS: 30 });
    const ac = new AbortController();
    let n = 0;
    const run = decodeGray(file, {
      signal: ac.signal,
      onFrame: () => {
        if (++n === 3) ac.abort(new Error('user went away'));
      },
    });
    await expect(run).rejects.toThrow('user went away');
    expect(n).toBeLessThan(30);
    expect(children().filter((c) => c.comm.includes('ffmpeg'))).toEqual([]);
  });

  it('kills ffmpeg when the frame consumer throws', async () => {
    const file = await makeVideo({ codec: 'mp4', durationS: 30 });
    const run = decodeGray(file, {
      onFrame: (f) => {
        if (f.index === 2) throw new Error('detector broke');
      },
    });
    await expect(run).rejects.toThrow('detector broke');
    expect(children().filter((c) => c.comm.includes('ffmpeg'))).toEqual([]);
  });
});

describe('extractFrames', () => {
  it('writes full-resolution PNGs for the given times in one pass, in the order asked', async () => {
    const file = await makeVideo({ codec: 'webm' });
    const out = join(work, 'extract');
    const paths = await extractFrames(file, [3800, 0, 1800, 1800], out);
    expect(paths).toHaveLength(4);
    expect(paths[2]).toBe(paths[3]);
    const pixel = async (png: string) => {
      const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([640, 360]);
      return data[312 * 640 + 490]!;
    };
    expect(await pixel(paths[1]!)).toBeGreaterThan(200); // before the toast
    expect(await pixel(paths[2]!)).toBeLessThan(140); // toast shown
    expect(await pixel(paths[0]!)).toBeGreaterThan(200); // toast gone
  });
});

describe('thumbnail', () => {
  it('returns a PNG data URL whose longest side is at most 640', async () => {
    const big = join(work, 'big.png');
    await sharp({ create: { width: 1920, height: 1080, channels: 3, background: '#336699' } }).png().toFile(big);
    const url = await thumbnail(big, 640);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const meta = await sharp(Buffer.from(url.split(',')[1]!, 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([640, 360]);

    const small = join(work, 'small.png');
    await sharp({ create: { width: 300, height: 500, channels: 3, background: '#fff' } }).png().toFile(small);
    const meta2 = await sharp(Buffer.from((await thumbnail(small, 640)).split(',')[1]!, 'base64')).metadata();
    expect([meta2.width, meta2.height]).toEqual([300, 500]); // never enlarged
  });
});

describe('assessDecode', () => {
  const ok = { exitCode: 0, frames: 60, decodedMs: 6000, claimedMs: 6000, errors: [], stderrTail: [] };
  it('trusts a clean, complete decode', () => {
    expect(assessDecode(ok)).toBeNull();
    expect(assessDecode({ ...ok, decodedMs: 5100 })).toBeNull(); // within max(1 s, 10 %)
  });
  it('rejects decode errors, missing frames, short decodes and failures', () => {
    expect(assessDecode({ ...ok, errors: ['[h264 @ 0x1] [error] error while decoding MB 3 4'] })?.reason).toBe('decode-errors');
    expect(assessDecode({ ...ok, decodedMs: 2000 })?.message).toBe('the recording is damaged: only 2.0 s of its 6.0 s could be decoded');
    expect(assessDecode({ ...ok, frames: 0, decodedMs: 0 })?.reason).toBe('no-frames');
    expect(assessDecode({ ...ok, exitCode: 1, frames: 0, stderrTail: ['[error] moov atom not found'] })?.reason).toBe('ffmpeg-failed');
  });
});

describe('binaries', () => {
  it('prefers the configured ffmpeg and says so when it does not exist', async () => {
    const missing = join(MEDIA_DIR, 'no-such-ffmpeg');
    configureVideo({ ffmpegPath: missing });
    try {
      expect(ffmpegPath()).toBe(missing);
      const file = await makeVideo({ codec: 'mp4' });
      await expect(decodeGray(file, { onFrame: () => {} })).rejects.toBeInstanceOf(FfmpegUnavailableError);
    } finally {
      configureVideo({});
    }
  });
});

