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

const configured: { ffmpeg?: string | undefined; ffprobe?: string | undefined } = {};

/** The binaries the caller chose (the worker: FFMPEG_PATH / FFPROBE_PATH); unset ones fall back as below. */
export function setBinaries(paths: { ffmpeg?: string | undefined; ffprobe?: string | undefined }): void {
  configured.ffmpeg = paths.ffmpeg || undefined;
  configured.ffprobe = paths.ffprobe || undefined;
}

/** The configured ffmpeg, else ffmpeg-static's binary, else `ffmpeg` on PATH. */
export function ffmpegPath(): string {
  return configured.ffmpeg || ffmpegStatic() || 'ffmpeg';
}

/** The configured ffprobe, else `ffprobe` on PATH. */
export function ffprobePath(): string {
  return configured.ffprobe || 'ffprobe';
}
