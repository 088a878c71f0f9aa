import { createReadStream } from 'node:fs';
import path from 'node:path';
import { PLAYBACK_CONTENT_TYPE, playbackKey } from '@claude-scope/storage';
import { encodePlayback } from '@claude-scope/video';
import type { JobContext } from './run-job.js';

type Ctx = Pick<JobContext, 'rt' | 'log' | 'tmpDir' | 'checkpoint' | 'signal'>;

/**
 * The playback copy of a session that keeps one (the account's `keepPlayback` when it uploaded): the local
 * recording re-encoded (packages/video `encodePlayback`, under the process-wide ffmpeg bound) and streamed from
 * its file to `sessions/<id>/playback.webm`. It runs beside the keyframe analysis of the same file.
 *
 * Returns the stored key, or undefined when encoding failed or outran `budgetMs`: the copy is a convenience,
 * so it never fails the session (nor makes the lane time out): that is logged and the session completes without
 * a player. The job's own abort (timeout, session ended) and `stop` still throw.
 */
export async function storePlaybackCopy(
  ctx: Ctx,
  sessionId: string,
  recording: string,
  o: { durationMs: number; budgetMs: number; stop: AbortSignal },
): Promise<string | undefined> {
  const { rt, log } = ctx;
  const out = path.join(ctx.tmpDir, 'playback.webm');
  const t0 = performance.now();
  const budget = AbortSignal.timeout(o.budgetMs);
  const signal = AbortSignal.any([ctx.signal, o.stop, budget]);
  try {
    await encodePlayback(recording, out, { durationMs: o.durationMs, signal });
  } catch (err) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (o.stop.aborted) throw o.stop.reason;
    const why = budget.aborted ? `encoding took longer than ${Math.round(o.budgetMs / 1000)} s` : 'encoding failed';
    log.warn({ err: budget.aborted ? undefined : err, sessionId }, `no playback copy: ${why}; the session goes on without one`);
    return undefined;
  }
  await ctx.checkpoint(); // nothing is uploaded for a session that ended meanwhile
  const key = playbackKey(sessionId);
  const upload = AbortSignal.any([ctx.signal, o.stop]);
  await rt.io.use(() => rt.storage.putStream(key, createReadStream(out), { contentType: PLAYBACK_CONTENT_TYPE, signal: upload }), upload);
  log.info({ sessionId, encodeMs: Math.round(performance.now() - t0) }, 'playback copy stored');
  return key;
}
