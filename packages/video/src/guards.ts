/**
 * The recording limits the contract sets (API.md, "Limits (ext)" and maxRecordingLength), checked against
 * what actually decodes: a container's header is written by whoever made the file.
 */

/** The largest frame decoded: 3840×2160 in either orientation (a portrait 4K screen is fine). */
export const MAX_FRAME = { width: 3840, height: 2160 } as const;
/**
 * ffmpeg's `-max_pixels` for the decoder: a stream that grows mid-way (VP8/VP9 keyframes and H.264 SPS carry
 * their own size) is refused by the decoder itself at its first larger frame, before that frame is allocated.
 */
export const MAX_FRAME_PIXELS = MAX_FRAME.width * MAX_FRAME.height;

/**
 * How far decoded frames may run past the length limit before the decode stops: 0.1 min, the finest step
 * the message shows (so "at least 5.1 min" reads longer than a 5 min limit), which also absorbs the last
 * frame's rounding in a recording whose container truthfully says it is at the limit.
 */
export const LENGTH_GRACE_MS = 6_000;

/** A frame larger than MAX_FRAME; the message names both sizes and is meant for the user. */
export class FrameTooLargeError extends Error {
  override readonly name = 'FrameTooLargeError';
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`frame size ${width}×${height} is over the limit of ${MAX_FRAME.width}×${MAX_FRAME.height}`);
  }
}

/**
 * Frames kept decoding past `limitMs` (plus the grace): the decode was stopped there, so `decodedMs` is a
 * lower bound of the real length. The user-facing wording (minutes, the account's setting) is the caller's.
 */
export class RecordingTooLongError extends Error {
  override readonly name = 'RecordingTooLongError';
  constructor(
    readonly decodedMs: number,
    readonly limitMs: number,
    readonly claimedMs: number,
  ) {
    super(`decoding passed ${decodedMs} ms, over the limit of ${limitMs} ms (the file claims ${claimedMs} ms)`);
  }
}

/** The error for a frame of this size, or null when it is within MAX_FRAME. */
export function frameSizeError(width: number, height: number): FrameTooLargeError | null {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  return long > MAX_FRAME.width || short > MAX_FRAME.height ? new FrameTooLargeError(width, height) : null;
}

/** Whether a frame at `timestampMs` means the recording is over `limitMs` (see LENGTH_GRACE_MS). */
export function pastLengthLimit(timestampMs: number, limitMs: number): boolean {
  return timestampMs > limitMs + LENGTH_GRACE_MS;
}

const OVERSIZED = /Picture size (\d+)x(\d+) exceeds specified max pixel count/;

/** The size in ffmpeg's "Picture size WxH exceeds specified max pixel count" (its `-max_pixels` refusal), else null. */
export function oversizedPicture(line: string): { width: number; height: number } | null {
  const m = OVERSIZED.exec(line);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}
