import { limits } from '../limits.js';
import { ffmpegPath } from './binaries.js';
import { firstStderrLine } from './probe.js';
import { run } from './process.js';

export interface PlaybackOptions {
  /** The recording's length, for progress (ms). */
  durationMs?: number;
  /** Fraction done, 0–1, as ffmpeg reports its position. */
  onProgress?: (fraction: number) => void;
  threads?: number;
  signal?: AbortSignal;
}

/**
 * The playback copy's encoding: WebM (VP9 + Opus), which every Chromium, Firefox and Safari ≥ 16 plays from a
 * plain <video src>. Screen recordings need neither 30 fps nor more than 1280 px to follow what happened (the
 * full-resolution keyframes are stored apart), so the copy is capped at both. VP9's realtime mode with CRF 42
 * keeps text legible at a fraction of a MediaRecorder file's bitrate and encodes several times faster than
 * real time on one core (a 23 s 720p recording: ~6 s on two shared cores). A keyframe every 2 s keeps seeking
 * to a frame's moment quick.
 */
export const PLAYBACK_ENCODING = {
  maxWidth: 1280,
  fps: 15,
  crf: 42,
  keyframeEverySeconds: 2,
  audioBitrate: '48k',
} as const;

export function playbackArgs(input: string, output: string, threads = 0): string[] {
  const e = PLAYBACK_ENCODING;
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
    '-progress', 'pipe:1',
    '-threads', String(threads),
    '-i', input,
    '-map', '0:v:0', '-map', '0:a:0?', '-sn', '-dn',
    // Even dimensions (VP9 4:2:0); never upscaled.
    '-vf', `fps=${e.fps},scale='min(${e.maxWidth},iw)':-2`,
    '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1',
    '-crf', String(e.crf), '-b:v', '0', '-g', String(e.fps * e.keyframeEverySeconds),
    '-pix_fmt', 'yuv420p',
    '-c:a', 'libopus', '-b:a', e.audioBitrate,
    // A file (not a pipe) so the muxer can go back and write the duration and the seek index (Cues).
    '-f', 'webm', '-y', output,
  ];
}

/**
 * Re-encodes `input` into the playback copy at `output` (see PLAYBACK_ENCODING), one ffmpeg child under the
 * process-wide ffmpeg bound. Nothing is held in memory: ffmpeg reads and writes files; the caller streams the
 * result to storage.
 */
export async function encodePlayback(input: string, output: string, o: PlaybackOptions = {}): Promise<void> {
  let pending = '';
  const onStdout = o.onProgress && o.durationMs
    ? (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const l of lines) {
          const m = /^out_time_us=(\d+)/.exec(l);
          if (m) o.onProgress!(Math.min(1, Number(m[1]) / 1000 / o.durationMs!));
        }
      }
    : undefined;
  const res = await limits.ffmpeg.use(
    () => run(ffmpegPath(), playbackArgs(input, output, o.threads), { ...(o.signal ? { signal: o.signal } : {}), ...(onStdout ? { onStdout } : {}) }),
    o.signal,
  );
  if (res.code !== 0) {
    throw new Error(`the playback copy could not be encoded (exit ${res.code}${firstStderrLine(res.stderrTail) ? `: ${firstStderrLine(res.stderrTail)}` : ''})`);
  }
}
