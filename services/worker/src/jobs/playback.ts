import { createReadStream } from 'node:fs';
import path from 'node:path';
import { PLAYBACK_CONTENT_TYPE, playbackKey } from '@claude-scope/storage';
import { encodePlayback } from '@claude-scope/video';
import type { JobContext } from './run-job.js';

type Ctx = Pick<JobContext, 'rt' | 'log' | 'tmpDir' | 'checkpoint'>;

/**
 * The playback copy of a session that keeps one (the account's `keepPlayback` when it uploaded): the local
 * recording re-encoded (packages/video `encodePlayback`, under the process-wide ffmpeg bound) and streamed from
 * its file to `sessions/<id>/playback.webm`. It runs beside the keyframe analysis of the same file.
 *
 * Returns the stored key, or undefined when encoding failed: the copy is a convenience, so a failure is logged
 * and the session completes without a player. An abort (timeout, session ended) still throws.
 */
export async function storePlaybackCopy(
  ctx: Ctx,
  sessionId: string,
  recording: string,
  durationMs: number,
  signal: AbortSignal,
): Promise<string | undefined> {
  const { rt, log } = ctx;
  const out = path.join(ctx.tmpDir, 'playback.webm');
  const t0 = performance.now();
  try {
    await encodePlayback(recording, out, { durationMs, signal });
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    log.warn({ err, sessionId }, 'could not encode the playback copy; the session goes on without one');
    return undefined;
  }
  await ctx.checkpoint(); // nothing is uploaded for a session that ended meanwhile
  const key = playbackKey(sessionId);
  await rt.io.use(() => rt.storage.putStream(key, createReadStream(out), { contentType: PLAYBACK_CONTENT_TYPE, signal }), signal);
  log.info({ sessionId, encodeMs: Math.round(performance.now() - t0) }, 'playback copy stored');
  return key;
}
