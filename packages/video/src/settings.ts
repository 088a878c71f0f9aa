import { setBinaries } from './ffmpeg/binaries.js';
import { limits } from './limits.js';

/** What the package's caller decides (the worker, from its typed config); the package reads no environment. */
export interface VideoSettings {
  ffmpegPath?: string | undefined;
  ffprobePath?: string | undefined;
  /** ffmpeg/ffprobe children at once in this process. */
  ffmpegConcurrency?: number;
  /** sharp jobs (PNG encoding, thumbnails) at once in this process. */
  sharpConcurrency?: number;
}

/** Applies the settings process-wide; call once at start-up, before any job. */
export function configureVideo(s: VideoSettings): void {
  setBinaries({ ffmpeg: s.ffmpegPath, ffprobe: s.ffprobePath });
  if (s.ffmpegConcurrency !== undefined) limits.ffmpeg.setLimit(s.ffmpegConcurrency);
  if (s.sharpConcurrency !== undefined) limits.sharp.setLimit(s.sharpConcurrency);
}
