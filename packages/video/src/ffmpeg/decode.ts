import { join } from 'node:path';
import { frameSizeError, FrameTooLargeError, MAX_FRAME_PIXELS, oversizedPicture, pastLengthLimit, RecordingTooLongError } from '../guards.js';
import { limits } from '../limits.js';
import { yuv420pSize } from '../yuv.js';
import { assessDecode, type AssessRules } from './assess.js';
import { ffmpegPath } from './binaries.js';
import { FrameAssembler } from './frames.js';
import { isDecodeError, showinfoTime } from './log.js';
import { probe as probeFile, type VideoProbe } from './probe.js';
import { run } from './process.js';
import { TimestampQueue } from './timestamps.js';

export interface GrayFrame {
  /** width×height bytes, 8-bit luma, row-major; a fresh buffer per frame unless `reuseFrameBuffer`. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Time of the frame in the recording (ms from its start). */
  timestampMs: number;
  index: number;
  /** The same frame at full resolution, when asked for (`fullFramesDir`). */
  full?: FullFrameFile;
}

/**
 * A full-resolution frame as ffmpeg writes it: planar yuv420p (Y, then U and V at half size, rounded
 * up) in a file of its own. The file may still be being written when the gray frame arrives.
 */
export interface FullFrameFile {
  path: string;
  width: number;
  height: number;
  /** Size of the complete file. */
  bytes: number;
}


export interface DecodeOptions extends AssessRules {
  /** Output width in pixels (default 480; never more than the source); height keeps the aspect. */
  width?: number;
  /** Sample at this fixed rate (default 10); null passes every decoded frame through. */
  fps?: number | null;
  /**
   * Decoder threads (default 0: ffmpeg's choice by core count, as in a plain `ffmpeg -i`). Frame
   * threading needs more threads than cores to keep them busy while the filters run: with 2 on 2
   * cores a 720p VP9 decode took ~1.4× as long.
   */
  threads?: number;
  /**
   * Also write every sampled frame at full resolution (raw yuv420p, `<index>.yuv`) into this existing
   * directory, from the same decoding pass, so keyframes need no second one. The caller reads the few
   * it needs and deletes the rest as it goes (files, not a pipe: nothing waits for frames not needed).
   */
  fullFramesDir?: string;
  /**
   * With fullFramesDir: write every `fullEvery`-th sampled frame only (default 1: all of them), and
   * every frame of the last `fullEvery` + 1 the probed duration predicts (the stream's final state
   * may show only there). Writing a 1.4–3 MB file per frame is most of what full-resolution frames cost.
   */
  fullEvery?: number;
  /** A probe already made, to avoid a second one. */
  probe?: VideoProbe;
  /** Hand every frame in the same buffer, valid until `onFrame` settles (for consumers that copy). */
  reuseFrameBuffer?: boolean;
  onFrame: (frame: GrayFrame) => void | Promise<void>;
  /**
   * Stop with RecordingTooLongError as soon as decoded frames pass this length (plus LENGTH_GRACE_MS): the
   * limit holds against what decodes, whatever the container claims, without decoding the rest.
   */
  maxDurationMs?: number;
  /** Percent (0–100) of the recording's duration decoded so far. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

export interface DecodeSummary {
  frames: number;
  width: number;
  height: number;
  /** End of the decoded video (last frame + one interval). */
  decodedMs: number;
  probe: VideoProbe;
}

/** Even output size of at most `maxWidth` wide, keeping the source's aspect. */
export function analysisSize(srcW: number, srcH: number, maxWidth: number): { width: number; height: number } {
  const width = Math.max(2, Math.floor(Math.min(maxWidth, srcW) / 2) * 2);
  const height = Math.max(2, Math.round((srcH * width) / srcW / 2) * 2);
  return { width, height };
}

/** What decodeGray asks ffmpeg for: its arguments, the gray frames' size, which sampled frames get a full-resolution file. */
export interface DecodePlan {
  args: string[];
  width: number;
  height: number;
  written: (k: number) => boolean;
}

/**
 * decodeGray's ffmpeg command for `file` (exported so bench:video can time the very same command
 * with no Node reading its outputs).
 */
export function decodePlan(file: string, probe: VideoProbe, o: Pick<DecodeOptions, 'fps' | 'width' | 'threads' | 'fullFramesDir' | 'fullEvery'>): DecodePlan {
  const fps = o.fps === undefined ? 10 : o.fps;
  const { width, height } = analysisSize(probe.width, probe.height, o.width ?? 480);
  // showinfo only for its timestamps: its per-plane checksums and statistics (on by default, off
  // since ffmpeg 4.4) cost ~0.1 s per minute of 720p, ~12 % of a plain decode.
  const gray = [`scale=${width}:${height}:flags=area`, 'format=gray', 'showinfo=checksum=0'];
  const sampled = `[0:v:0]${fps ? `fps=${fps}:eof_action=pass` : 'null'}`;
  const dir = o.fullFramesDir;
  const every = Math.max(1, Math.floor(o.fullEvery ?? 1));
  // Frames from here on are all written: the duration predicts how many frames the fps filter makes.
  const tailFrom = fps && probe.durationMs > 0 ? Math.max(0, Math.ceil((probe.durationMs * fps) / 1000) - every - 1) : Infinity;
  const written = (k: number) => k % every === 0 || k >= tailFrom;
  const select = every > 1 ? `select='not(mod(n\\,${every}))${Number.isFinite(tailFrom) ? `+gte(n\\,${tailFrom})` : ''}'` : 'null';
  // eof_action=pass: a variable-rate recording's last frame (often its last change) is kept. With
  // fullFramesDir, split hands the very same sampled frames to a second, untouched output.
  const graph = dir ? `${sampled},split=2[s][f0];[f0]${select}[f];[s]${gray.join(',')}[g]` : `${sampled},${gray.join(',')}[g]`;
  // Every filtered frame exactly once. -vsync (deprecated in 5.1 for -fps_mode) works on 4.x to 7.x.
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info',
    '-threads', String(o.threads ?? 0),
    '-max_pixels', String(MAX_FRAME_PIXELS), // the decoder refuses larger frames, also mid-stream (guards.ts)
    '-i', file,
    '-an', '-sn', '-dn',
    '-filter_complex', graph,
    '-map', '[g]', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1',
    ...(dir ? ['-map', '[f]', '-vsync', 'passthrough', '-f', 'image2', '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p', '-start_number', '0', join(dir, '%08d.yuv')] : []),
  ];
  return { args, width, height, written };
}

/**
 * Decodes the video stream once, downscaled to gray, and hands frames to `onFrame` as they stream out
 * of ffmpeg (never a file per frame, never the whole video in memory). Frame times come from showinfo,
 * placed after the fps filter: exact for variable-rate browser recordings too. Throws
 * UndecodableVideoError when the result can't be trusted (see assessDecode), FrameTooLargeError for a frame
 * over MAX_FRAME (from the probe before decoding, or at the first such frame mid-stream) and
 * RecordingTooLongError past `maxDurationMs`.
 */
export async function decodeGray(file: string, o: DecodeOptions): Promise<DecodeSummary> {
  const probe = o.probe ?? (await probeFile(file, { signal: o.signal }));
  const tooLarge = frameSizeError(probe.width, probe.height);
  if (tooLarge) throw tooLarge;
  // A limit crossed mid-decode stops ffmpeg at once: run() kills the child and throws the abort reason.
  const guard = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, guard.signal]) : guard.signal;
  const fps = o.fps === undefined ? 10 : o.fps;
  const dir = o.fullFramesDir;
  const { args, width, height, written } = decodePlan(file, probe, o);
  let fileNumber = 0; // image2 numbers the frames it is given 0, 1, 2, …
  const fullFile = (k: number): FullFrameFile => ({
    path: join(dir!, `${String(k).padStart(8, '0')}.yuv`),
    width: probe.width,
    height: probe.height,
    bytes: yuv420pSize(probe.width, probe.height),
  });

  const times = new TimestampQueue();
  const errors: string[] = [];
  const log: string[] = []; // stderr without the per-frame showinfo lines, for error details
  let index = 0;
  let lastMs = -Infinity;
  let lastPercent = -1;
  const step = fps ? 1000 / fps : 0;

  const deliver = async (data: Uint8Array) => {
    // showinfo is authoritative; if it ever falls silent, continue the fixed rate.
    const t = (await times.take(index)) ?? (Number.isFinite(lastMs) ? lastMs + (step || 1) : 0);
    const timestampMs = t > lastMs ? t : lastMs + 1;
    if (o.maxDurationMs !== undefined && pastLengthLimit(timestampMs, o.maxDurationMs)) {
      guard.abort(new RecordingTooLongError(timestampMs, o.maxDurationMs, probe.durationMs));
      return;
    }
    lastMs = timestampMs;
    await o.onFrame({ data, width, height, timestampMs, index, ...(dir && written(index) ? { full: fullFile(fileNumber++) } : {}) });
    index++;
    if (o.onProgress && probe.durationMs > 0) {
      const percent = Math.min(100, Math.floor((timestampMs / probe.durationMs) * 100));
      if (percent > lastPercent) o.onProgress((lastPercent = percent));
    }
  };
  const frames = new FrameAssembler(width * height, o.reuseFrameBuffer);

  const res = await limits.ffmpeg.use(
    () =>
      run(ffmpegPath(), args, {
        signal,
        onStderrLine: (line) => {
          const t = showinfoTime(line);
          if (t !== null) return times.push(t);
          if (line.includes('Parsed_showinfo')) return;
          const big = oversizedPicture(line);
          if (big) guard.abort(new FrameTooLargeError(big.width, big.height));
          if (isDecodeError(line)) errors.push(line);
          log.push(line);
          if (log.length > 20) log.shift();
        },
        onStderrEnd: () => times.end(),
        onStdout: (chunk) => frames.push(chunk, deliver),
      }),
    signal,
  );

  const decodedMs = index === 0 ? 0 : lastMs + (step || 0);
  const problem = assessDecode(
    { exitCode: res.code, frames: index, decodedMs, claimedMs: probe.durationMs, errors, stderrTail: log },
    o,
  );
  if (problem) throw problem;
  return { frames: index, width, height, decodedMs, probe };
}
