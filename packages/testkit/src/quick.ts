import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { shortHash } from './cache.js';
import { cacheDir } from './paths.js';
import { codecArgs, type VideoFormat } from './recorder/encoder.js';
import { createRng } from './recorder/rng.js';

const run = promisify(execFile);
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface TestVideoOptions {
  durationMs?: number;
  width?: number;
  height?: number;
  fps?: number;
  format?: VideoFormat;
  /** The picture changes (a new box and caption) at each of these times and stays still in between. */
  changesAtMs?: number[];
  outDir?: string;
}

export interface TestVideo {
  path: string;
  durationMs: number;
  width: number;
  height: number;
  fps: number;
  /** Start of each still state, 0 first: state i is shown from statesAtMs[i] until the next one. */
  statesAtMs: number[];
}

/**
 * A synthetic video from ffmpeg's lavfi sources in a second or two: a header bar and one coloured box
 * with a caption per state. For pipeline tests that need "N distinct states at known times", not realism.
 */
export async function makeTestVideo(options: TestVideoOptions = {}): Promise<TestVideo> {
  const o = { durationMs: 3000, width: 640, height: 360, fps: 30, format: 'webm' as VideoFormat, changesAtMs: [1000, 2000], ...options };
  const statesAtMs = [0, ...o.changesAtMs.filter((t) => t > 0 && t < o.durationMs).sort((a, b) => a - b)];
  const dir = o.outDir ?? cacheDir('test-videos');
  const path = join(dir, `test-${o.width}x${o.height}-${shortHash({ ...o, outDir: undefined, v: 1 })}.${o.format}`);
  const result = { path, durationMs: o.durationMs, width: o.width, height: o.height, fps: o.fps, statesAtMs };
  if (existsSync(path)) return result;
  mkdirSync(dir, { recursive: true });

  const { width: w, height: h } = o;
  const filters = [`drawbox=x=0:y=0:w=${w}:h=${Math.round(h * 0.1)}:color=0x111827:t=fill`];
  const colors = ['0x4f46e5', '0x059669', '0xdc2626', '0xd97706', '0x0891b2', '0x7c3aed', '0xdb2777', '0x65a30d'];
  statesAtMs.forEach((start, i) => {
    const end = statesAtMs[i + 1] ?? o.durationMs + 1000;
    const enable = `enable='gte(t,${start / 1000})*lt(t,${end / 1000})'`;
    const bx = Math.round(w * (0.08 + ((i * 0.17) % 0.6)));
    const by = Math.round(h * (0.2 + ((i * 0.13) % 0.45)));
    filters.push(`drawbox=x=${bx}:y=${by}:w=${Math.round(w * 0.3)}:h=${Math.round(h * 0.25)}:color=${colors[i % colors.length]}:t=fill:${enable}`);
    if (existsSync(FONT)) {
      filters.push(`drawtext=fontfile=${FONT}:text='State ${i + 1}':x=${bx + 10}:y=${by + 10}:fontsize=${Math.round(h / 14)}:fontcolor=white:${enable}`);
    }
  });
  const tmp = `${path}.tmp-${process.pid}`;
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=0xf5f6fa:s=${w}x${h}:r=${o.fps}:d=${o.durationMs / 1000}`,
    '-vf', filters.join(','), ...codecArgs(o.format), '-pix_fmt', 'yuv420p', '-threads', '2', '-fflags', '+bitexact', '-flags:v', '+bitexact',
    '-f', o.format === 'mkv' ? 'matroska' : o.format, tmp,
  ]);
  renameSync(tmp, path);
  return result;
}

/**
 * A copy of `path` that no longer decodes. 'garble' keeps the first 4 KB (so content sniffing still says
 * "video") and overwrites half of the rest with noise; 'truncate' cuts the file to a third, so the
 * container promises more than can be decoded.
 *
 * The noise is seeded by the file's content, not its path (tests keep media in random temp dirs), and a
 * garbled copy that ffmpeg still decodes without a word (about 1 in 40 small H.264 files: the noise can
 * miss every slice that matters) is garbled again with the next seed, so the result is deterministic and
 * always damaged.
 */
export function corruptVideo(path: string, mode: 'garble' | 'truncate' = 'garble'): string {
  const ext = extname(path);
  const out = join(dirname(path), `${basename(path, ext)}.corrupt-${mode}${ext}`);
  if (mode === 'truncate') {
    copyFileSync(path, out);
    truncateSync(out, Math.floor(statSync(path).size / 3));
    return out;
  }
  const original = readFileSync(path);
  const seed = createHash('sha256').update(original).digest('hex');
  for (let attempt = 0; attempt < 8; attempt++) {
    const bytes = Buffer.from(original);
    const rng = createRng(`${seed}:${attempt}`);
    for (let block = 4096; block < bytes.length; block += 512) {
      if (rng() < 0.5) continue;
      for (let i = block; i < Math.min(bytes.length, block + 256); i++) bytes[i] = Math.floor(rng() * 256);
    }
    writeFileSync(out, bytes);
    if (!decodesCleanly(out)) return out;
  }
  throw new Error(`corruptVideo: ${path} still decodes cleanly after 8 garblings`);
}

/** Whether ffmpeg decodes the whole file without printing an error. */
function decodesCleanly(path: string): boolean {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-nostdin', '-i', path, '-f', 'null', '-'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return r.status === 0 && r.stderr.trim() === '';
}

/** A file that is not a video but is named like one (for upload sniffing tests). */
export function nonVideoFile(options: { kind?: 'text' | 'png' | 'html'; ext?: string; outDir?: string } = {}): string {
  const kind = options.kind ?? 'text';
  const dir = options.outDir ?? cacheDir('test-videos');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `not-a-video-${kind}.${options.ext ?? 'webm'}`);
  const content = {
    text: Buffer.from('This is a plain text file pretending to be a screen recording.\n'.repeat(20)),
    // A 1×1 transparent PNG.
    png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
    html: Buffer.from('<!doctype html><title>Not a video</title><p>Definitely not a video.</p>\n'),
  }[kind];
  writeFileSync(path, content);
  return path;
}
