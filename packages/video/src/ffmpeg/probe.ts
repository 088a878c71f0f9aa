import { stat } from 'node:fs/promises';
import { UndecodableVideoError } from '../errors.js';
import type { ColorMatrix } from '../yuv.js';
import { limits } from '../limits.js';
import { ffprobePath } from './binaries.js';
import { run } from './process.js';

export interface VideoProbe {
  /** Length in ms; see durationSource for where it came from. */
  durationMs: number;
  /** container: the format header; stream: the video stream's own field or tag; packets: the last packet's end. */
  durationSource: 'container' | 'stream' | 'packets';
  /** Display size (rotation applied, as ffmpeg decodes it). */
  width: number;
  height: number;
  /** Average frame rate, or null when the file does not say (variable-rate browser recordings). */
  fps: number | null;
  /** Video codec, e.g. vp8, vp9, h264, av1. */
  codec: string;
  /** Container as ffprobe names it, e.g. "matroska,webm" or "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  sizeBytes: number;
  /** YUV→RGB matrix of the stream: BT.709 when tagged so, else BT.601 (what ffmpeg assumes). */
  colorMatrix: ColorMatrix;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  color_space?: string;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
  disposition?: { attached_pic?: number };
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string };
}

/** Reads what the container says about the recording's video stream (no decoding). */
export async function probe(file: string, o: { signal?: AbortSignal } = {}): Promise<VideoProbe> {
  const { size } = await stat(file);
  let json = '';
  const res = await limits.ffmpeg.use(
    () =>
      run(ffprobePath(), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], {
        signal: o.signal,
        onStdout: (c) => void (json += c.toString('utf8')),
      }),
    o.signal,
  );
  if (res.code !== 0) {
    throw new UndecodableVideoError(
      `the file could not be read as a video (${firstStderrLine(res.stderrTail) ?? 'ffprobe failed'})`,
      'probe-failed',
      res.stderrTail,
    );
  }
  const out = JSON.parse(json) as FfprobeOutput;
  const video = out.streams?.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video || !video.width || !video.height) {
    throw new UndecodableVideoError('the file contains no video stream', 'no-video-stream');
  }
  const rotation = video.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? Number(video.tags?.rotate ?? 0);
  const sideways = Math.abs(rotation) % 180 === 90;

  let durationMs = seconds(out.format?.duration);
  let durationSource: VideoProbe['durationSource'] = 'container';
  if (durationMs === null) {
    // MediaRecorder writes webm live, without a duration: ask the stream, then the packets.
    durationMs = seconds(video.duration) ?? clock(video.tags?.DURATION ?? video.tags?.duration);
    durationSource = 'stream';
  }
  if (durationMs === null) {
    durationMs = await lastPacketEnd(file, o.signal);
    durationSource = 'packets';
  }
  if (durationMs === null) throw new UndecodableVideoError('the recording contains no video frames', 'no-frames');

  return {
    durationMs,
    durationSource,
    width: sideways ? video.height : video.width,
    height: sideways ? video.width : video.height,
    fps: rate(video.avg_frame_rate) ?? rate(video.r_frame_rate),
    codec: video.codec_name ?? 'unknown',
    container: out.format?.format_name ?? 'unknown',
    sizeBytes: size,
    colorMatrix: video.color_space === 'bt709' ? 'bt709' : 'bt601',
  };
}

/** End of the last video packet (demuxing only: cheap, and streamed line by line). */
async function lastPacketEnd(file: string, signal?: AbortSignal): Promise<number | null> {
  let end: number | null = null;
  let carry = '';
  const take = (line: string) => {
    const [pts, dur] = line.split(',').map(Number);
    if (pts === undefined || !Number.isFinite(pts)) return;
    const e = (pts + (dur !== undefined && Number.isFinite(dur) ? dur : 0)) * 1000;
    if (end === null || e > end) end = e;
  };
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file];
  await limits.ffmpeg.use(
    () =>
      run(ffprobePath(), args, {
        signal,
        onStdout: (c) => {
          const lines = (carry + c.toString('utf8')).split('\n');
          carry = lines.pop() ?? '';
          lines.forEach(take);
        },
      }),
    signal,
  );
  take(carry);
  return end === null ? null : Math.round(end);
}

function seconds(v: string | undefined): number | null {
  const n = Number(v);
  return v !== undefined && v !== 'N/A' && Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : null;
}

/** "00:00:05.120000000" (Matroska DURATION tag) → ms. */
function clock(v: string | undefined): number | null {
  const m = v?.match(/^(\d+):(\d+):(\d+(?:\.\d+)?)$/);
  if (!m) return null;
  const ms = ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
  return ms > 0 ? Math.round(ms) : null;
}

/** "30000/1001" → 29.97; null for 0/0 and for time bases posing as rates (1000/1). */
function rate(v: string | undefined, max = 240): number | null {
  const [n, d] = (v ?? '').split('/').map(Number);
  if (!n || !d || !Number.isFinite(n / d)) return null;
  const r = n / d;
  return r > 0 && r <= max ? Math.round(r * 1000) / 1000 : null;
}

export function firstStderrLine(lines: readonly string[]): string | undefined {
  return lines.find((l) => l.trim().length > 0)?.trim();
}
