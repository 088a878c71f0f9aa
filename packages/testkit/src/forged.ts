import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from './paths.js';
import { VP8_FIXED_SPEED } from './recorder/encoder.js';

/**
 * Hostile recordings for limit tests: small files that lie about their length or decode to huge frames.
 * Generated with ffmpeg once and cached (a few hundred KB each, a few seconds to make).
 */

const run = promisify(execFile);
/** Bumped when the files made change (2: scratch files removed; 3: VP8 at the recorder's fixed speed). */
const VERSION = 3;

async function cached(name: string, make: (tmp: string) => Promise<void>): Promise<string> {
  const dir = cacheDir('test-videos');
  const path = join(dir, `forged-v${VERSION}-${name}`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await make(tmp);
    renameSync(tmp, path);
  } finally {
    // make() may leave parts next to tmp (`<tmp>.a.webm`, `<tmp>.txt`, …): none is wanted once the file is made.
    const scratch = basename(tmp);
    for (const f of readdirSync(dir)) if (f.startsWith(scratch)) rmSync(join(dir, f), { force: true });
  }
  return path;
}

const ffmpeg = (args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 1 << 24 });
const VP9 = ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '0', '-crf', '40', '-pix_fmt', 'yuv420p'];
const VP8 = [...VP8_FIXED_SPEED, '-b:v', '50k', '-pix_fmt', 'yuv420p'];

/**
 * A WebM whose video runs `actualMs` (64×64, 1 fps, a frame counter) but whose header says `claimedMs`: the
 * Segment's Duration (an 8-byte EBML float, in ms at the default timecode scale) and the stream's DURATION tag
 * are rewritten in place, so ffprobe reports the lie while every frame still decodes.
 */
export async function lyingDurationWebm(o: { actualMs: number; claimedMs: number }): Promise<string> {
  return cached(`lying-${o.actualMs}-claims-${o.claimedMs}.webm`, async (tmp) => {
    const src = `${tmp}.src.webm`;
    await ffmpeg(['-f', 'lavfi', '-i', `color=c=0xf5f6fa:s=64x64:r=1:d=${o.actualMs / 1000},drawtext=text='%{n}':fontsize=20:x=8:y=20`, ...VP9, '-fflags', '+bitexact', '-flags:v', '+bitexact', '-f', 'webm', src]);
    const bytes = readFileSync(src);
    const at = bytes.indexOf(Buffer.from([0x44, 0x89, 0x88])); // Duration, 8-byte float
    if (at < 0) throw new Error('lyingDurationWebm: no 8-byte Duration element in the muxed file');
    bytes.writeDoubleBE(o.claimedMs, at + 3);
    const tag = Buffer.from(clock(o.actualMs));
    const t = bytes.indexOf(tag);
    if (t >= 0) Buffer.from(clock(o.claimedMs)).copy(bytes, t); // same length: HH:MM:SS.nnnnnnnnn
    writeFileSync(tmp, bytes);
  });
}

/** A short MP4 (H.264) of `width`×`height` flat frames: ~200 KB for 8192×8192, which decodes to 100 MB a frame. */
export async function hugeFrameMp4(o: { width: number; height: number; durationMs?: number } = { width: 8192, height: 8192 }): Promise<string> {
  const d = (o.durationMs ?? 2000) / 1000;
  return cached(`huge-${o.width}x${o.height}-${d}s.mp4`, (tmp) =>
    ffmpeg(['-f', 'lavfi', '-i', `color=c=white:s=${o.width}x${o.height}:r=1:d=${d}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '40', '-pix_fmt', 'yuv420p', '-f', 'mp4', tmp]).then(() => {}),
  );
}

/**
 * A WebM (VP8) whose frames change size mid-stream: `startMs` at 320×180, then `laterMs` at `later`. The
 * container (and ffprobe) only know the first size; VP8 keyframes carry their own, so the decoder follows.
 */
export async function growingFrameWebm(o: { later: { width: number; height: number }; startMs?: number; laterMs?: number }): Promise<string> {
  const startMs = o.startMs ?? 2000;
  const laterMs = o.laterMs ?? 1000;
  const { width, height } = o.later;
  return cached(`growing-320x180-${startMs}-then-${width}x${height}-${laterMs}.webm`, async (tmp) => {
    const a = `${tmp}.a.webm`;
    const b = `${tmp}.b.webm`;
    const list = `${tmp}.txt`;
    await ffmpeg(['-f', 'lavfi', '-i', `color=c=blue:s=320x180:r=10:d=${startMs / 1000}`, ...VP8, a]);
    await ffmpeg(['-f', 'lavfi', '-i', `color=c=white:s=${width}x${height}:r=10:d=${laterMs / 1000}`, ...VP8, b]);
    writeFileSync(list, `file '${a}'\nfile '${b}'\n`);
    await ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-f', 'webm', tmp]);
  });
}

/** 900 000 → "00:15:00.000000000", the Matroska DURATION tag's format. */
function clock(ms: number): string {
  const s = ms / 1000;
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = (s % 60).toFixed(9).padStart(12, '0');
  return `${hh}:${mm}:${ss}`;
}
