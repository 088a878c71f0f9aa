/** Why a recording could not be used. */
export type UndecodableReason = 'probe-failed' | 'no-video-stream' | 'decode-errors' | 'truncated' | 'no-frames' | 'ffmpeg-failed';

/**
 * The recording is not a decodable video (corrupt, truncated, not a video at all). The message is meant
 * for the user; `details` carries ffmpeg's own words for logs.
 */
export class UndecodableVideoError extends Error {
  readonly code = 'UNDECODABLE_VIDEO';
  override readonly name = 'UndecodableVideoError';

  constructor(
    message: string,
    readonly reason: UndecodableReason,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** ffmpeg or ffprobe could not be started at all (missing binary, bad FFMPEG_PATH). */
export class FfmpegUnavailableError extends Error {
  override readonly name = 'FfmpegUnavailableError';
}
