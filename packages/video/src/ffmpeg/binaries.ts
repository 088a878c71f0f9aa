import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** ffmpeg-static's binary, when that package is installed and its download actually happened. */
function ffmpegStatic(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('ffmpeg-static');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** FFMPEG_PATH, else ffmpeg-static's binary, else `ffmpeg` on PATH. */
export function ffmpegPath(): string {
  return process.env.FFMPEG_PATH || ffmpegStatic() || 'ffmpeg';
}

/** FFPROBE_PATH, else `ffprobe` on PATH. */
export function ffprobePath(): string {
  return process.env.FFPROBE_PATH || 'ffprobe';
}
