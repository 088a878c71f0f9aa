import { limits } from '../limits.js';
import { assessDecode, type AssessRules } from './assess.js';
import { ffmpegPath } from './binaries.js';
import { isDecodeError, showinfoTime } from './log.js';
import { probe as probeFile, type VideoProbe } from './probe.js';
import { run } from './process.js';
import { TimestampQueue } from './timestamps.js';

export interface GrayFrame {
  /** width×height bytes, 8-bit luma, row-major; a fresh buffer per frame. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Time of the frame in the recording (ms from its start). */
  timestampMs: number;
  index: number;
}

export interface DecodeOptions extends AssessRules {
  /** Output width in pixels (default 480; never more than the source); height keeps the aspect. */
  width?: number;
  /** Sample at this fixed rate (default 10); null passes every decoded frame through. */
  fps?: number | null;
  /** Decoder threads (default 2). */
  threads?: number;
  /** A probe already made, to avoid a second one. */
  probe?: VideoProbe;
  onFrame: (frame: GrayFrame) => void | Promise<void>;
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

/**
 * Decodes the video stream once, downscaled to gray, and hands frames to `onFrame` as they stream out
 * of ffmpeg (never a file per frame, never the whole video in memory). Frame times come from showinfo,
 * placed after the fps filter: exact for variable-rate browser recordings too. Throws
 * UndecodableVideoError when the result can't be trusted (see assessDecode).
 */
export async function decodeGray(file: string, o: DecodeOptions): Promise<DecodeSummary> {
  const probe = o.probe ?? (await probeFile(file, { signal: o.signal }));
  const fps = o.fps === undefined ? 10 : o.fps;
  const { width, height } = analysisSize(probe.width, probe.height, o.width ?? 480);
  const filters = [
    // eof_action=pass: a variable-rate recording's last frame (often its last change) is kept.
    ...(fps ? [`fps=${fps}:eof_action=pass`] : []),
    `scale=${width}:${height}:flags=area`,
    'format=gray',
    'showinfo',
  ];
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info',
    '-threads', String(o.threads ?? 2),
    '-i', file,
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-vf', filters.join(','),
    // Every filtered frame exactly once. -vsync (deprecated in 5.1 for -fps_mode) works on 4.x to 7.x.
    '-vsync', 'passthrough',
    '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1',
  ];

  const frameSize = width * height;
  const times = new TimestampQueue();
  const errors: string[] = [];
  const log: string[] = []; // stderr without the per-frame showinfo lines, for error details
  let frame = new Uint8Array(frameSize);
  let filled = 0;
  let index = 0;
  let lastMs = -Infinity;
  let lastPercent = -1;
  const step = fps ? 1000 / fps : 0;

  const deliver = async () => {
    // showinfo is authoritative; if it ever falls silent, continue the fixed rate.
    const t = (await times.take(index)) ?? (Number.isFinite(lastMs) ? lastMs + (step || 1) : 0);
    const timestampMs = t > lastMs ? t : lastMs + 1;
    lastMs = timestampMs;
    await o.onFrame({ data: frame, width, height, timestampMs, index });
    index++;
    frame = new Uint8Array(frameSize);
    filled = 0;
    if (o.onProgress && probe.durationMs > 0) {
      const percent = Math.min(100, Math.floor((timestampMs / probe.durationMs) * 100));
      if (percent > lastPercent) o.onProgress((lastPercent = percent));
    }
  };

  const res = await limits.ffmpeg.use(
    () =>
      run(ffmpegPath(), args, {
        signal: o.signal,
        onStderrLine: (line) => {
          const t = showinfoTime(line);
          if (t !== null) return times.push(t);
          if (line.includes('Parsed_showinfo')) return;
          if (isDecodeError(line)) errors.push(line);
          log.push(line);
          if (log.length > 20) log.shift();
        },
        onStderrEnd: () => times.end(),
        onStdout: async (chunk) => {
          let at = 0;
          while (at < chunk.length) {
            const n = Math.min(frameSize - filled, chunk.length - at);
            frame.set(chunk.subarray(at, at + n), filled);
            filled += n;
            at += n;
            if (filled === frameSize) await deliver();
          }
        },
      }),
    o.signal,
  );

  const decodedMs = index === 0 ? 0 : lastMs + (step || 0);
  const problem = assessDecode(
    { exitCode: res.code, frames: index, decodedMs, claimedMs: probe.durationMs, errors, stderrTail: log },
    o,
  );
  if (problem) throw problem;
  return { frames: index, width, height, decodedMs, probe };
}
