import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface VideoInfo {
  width: number;
  height: number;
  durationMs: number;
  codec: string;
  formatName: string;
}

/** ffprobe's view of a video file (first video stream). */
export async function probeVideo(path: string): Promise<VideoInfo> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-select_streams', 'v:0', path]);
  const info = JSON.parse(stdout) as { streams?: { width: number; height: number; codec_name: string }[]; format?: { duration?: string; format_name: string } };
  const stream = info.streams?.[0];
  if (!stream || !info.format) throw new Error(`${path}: no video stream`);
  return {
    width: stream.width,
    height: stream.height,
    durationMs: Math.round(Number(info.format.duration) * 1000),
    codec: stream.codec_name,
    formatName: info.format.format_name,
  };
}
