import { UndecodableVideoError } from '../errors.js';
import { cleanLine } from './log.js';

export interface DecodeOutcome {
  exitCode: number | null;
  frames: number;
  /** End of the decoded video: last frame's time plus one frame interval. */
  decodedMs: number;
  /** What the container (or stream, or packet index) says the length is. */
  claimedMs: number;
  /** Error-level lines ffmpeg printed while reading the input. */
  errors: readonly string[];
  stderrTail: readonly string[];
}

export interface AssessRules {
  /** Error lines tolerated before the file counts as damaged (default 0). */
  maxDecodeErrors?: number;
  /** Decoded length may fall short of the claimed one by this much (default: max(1 s, 10 %)). */
  shortfallMs?: (claimedMs: number) => number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * ffmpeg conceals damage and often exits 0 anyway, so the exit code alone proves nothing. A recording
 * is undecodable when ffmpeg failed, decoded no frame, reported decode errors, or decoded far less
 * than its container claims. Returns the error to throw, or null when the decode is trustworthy.
 */
export function assessDecode(d: DecodeOutcome, rules: AssessRules = {}): UndecodableVideoError | null {
  const maxErrors = rules.maxDecodeErrors ?? 0;
  const shortfall = rules.shortfallMs ?? ((c: number) => Math.max(1000, c * 0.1));
  const detail = [...d.errors, ...d.stderrTail].map(cleanLine);
  const why = cleanLine(d.errors[0] ?? d.stderrTail.at(-1) ?? `ffmpeg exited with ${d.exitCode}`);
  if (d.exitCode !== 0 && d.frames === 0) {
    return new UndecodableVideoError(`the recording could not be decoded (${why})`, 'ffmpeg-failed', detail);
  }
  if (d.frames === 0) return new UndecodableVideoError('the recording contains no decodable video frames', 'no-frames', detail);
  if (d.claimedMs - d.decodedMs > shortfall(d.claimedMs)) {
    return new UndecodableVideoError(
      `the recording is damaged: only ${seconds(d.decodedMs)} of its ${seconds(d.claimedMs)} could be decoded`,
      'truncated',
      detail,
    );
  }
  if (d.errors.length > maxErrors) {
    return new UndecodableVideoError(
      `the recording is damaged: ${d.errors.length} decode error${d.errors.length === 1 ? '' : 's'} (first: ${cleanLine(d.errors[0]!)})`,
      'decode-errors',
      detail,
    );
  }
  if (d.exitCode !== 0) {
    return new UndecodableVideoError(`the recording could not be decoded to the end (${why})`, 'ffmpeg-failed', detail);
  }
  return null;
}
