import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { saveLaneResult } from '@claude-scope/db';
import { frameImageKey, typedFrameKey } from '@claude-scope/storage';
import { analyzeVideo, FrameTooLargeError, probe as probeVideo, RecordingTooLongError, UndecodableVideoError } from '@claude-scope/video';
import { JOBS, type VideoLaneResult } from '@claude-scope/pipeline';
import { plural } from '@claude-scope/prompt';
import { PermanentJobError } from './errors.js';
import { storePlaybackCopy } from './playback.js';
import { SessionEndedError } from './session-end.js';
import type { Handler } from './run-job.js';

/** The playback copy may take this much of the lane's time: past it the lane goes on without one, never times out for it. */
const PLAYBACK_BUDGET_MS = Math.round(JOBS.video.timeoutMs * 0.6);

const minutes = (ms: number) => `${Math.round((ms / 60_000) * 10) / 10} min`;
/** Rounded down: a decode stopped at the limit knows only a lower bound, and says so. */
const atLeastMinutes = (ms: number) => `${Math.floor((ms / 60_000) * 10) / 10} min`;

/** The video package's refusals, in the words a user sees (API.md: 422 naming both lengths / both sizes). */
function permanent(err: unknown, limitMinutes: number): unknown {
  if (err instanceof UndecodableVideoError || err instanceof FrameTooLargeError) return new PermanentJobError(err.message);
  if (err instanceof RecordingTooLongError) {
    return new PermanentJobError(`recording is at least ${atLeastMinutes(err.decodedMs)}, over your limit of ${limitMinutes} min`);
  }
  return err;
}

/**
 * Video lane: the recording from S3 → probe → keyframes (one decode pass) → PNGs to S3, thumbnails; for a
 * session that keeps a playback copy, the copy is encoded from the same local file meanwhile (playback.ts).
 */
export const video: Handler<'video'> = async ({ data, session, rt, signal, checkpoint, tmpDir, progress, log }) => {
  if (!session.recordingKey) throw new PermanentJobError('the recording is no longer stored; please upload it again');

  const t0 = performance.now();
  const file = path.join(tmpDir, 'recording');
  await pipeline(await rt.storage.getStream(session.recordingKey), createWriteStream(file), { signal });

  let probe;
  try {
    probe = await probeVideo(file, { signal });
  } catch (err) {
    throw permanent(err, data.maxRecordingMinutes);
  }
  const limitMs = data.maxRecordingMinutes * 60_000;
  if (probe.durationMs > limitMs) {
    throw new PermanentJobError(`recording is ${minutes(probe.durationMs)}, over your limit of ${data.maxRecordingMinutes} min`);
  }

  const t1 = performance.now();
  // Its own abort too: a failed analysis stops the copy at once rather than letting it finish for nothing.
  const stopPlayback = new AbortController();
  const playback = session.keepPlayback
    ? storePlaybackCopy({ rt, log, tmpDir, checkpoint, signal }, data.sessionId, file, {
        durationMs: probe.durationMs,
        budgetMs: PLAYBACK_BUDGET_MS,
        stop: stopPlayback.signal,
      })
    : Promise.resolve(undefined);
  playback.catch(() => {}); // awaited below; not an unhandled rejection while the analysis still runs
  const candidatesMs = (session.timeline ?? []).map((e) => e.t).filter((t) => t <= probe.durationMs);
  let result;
  try {
    result = await analyzeVideo(file, {
      probe,
      workDir: tmpDir,
      candidatesMs,
      maxFrames: rt.config.MAX_KEYFRAMES,
      maxDurationMs: limitMs, // the container may lie: the limit holds on the decoded timeline too
      signal,
      onProgress: (p) => void progress(p.percent * 0.95, p.stage === 'decode' ? 'decoding' : p.stage === 'extract' ? 'extracting frames' : p.stage),
    });
  } catch (err) {
    stopPlayback.abort(err);
    await playback.catch(() => {});
    if (err instanceof RecordingTooLongError) log.warn({ decodedMs: err.decodedMs, claimedMs: err.claimedMs }, 'recording longer than its container claims');
    throw permanent(err, data.maxRecordingMinutes);
  }

  const t2 = performance.now();
  await checkpoint(); // nothing is uploaded for a session that ended while it decoded
  const frames: VideoLaneResult['frames'] = await Promise.all(
    result.frames.map((f) =>
      rt.io.use(async () => {
        signal.throwIfAborted(); // uploads still queued when the session ends never start
        const imageKey = frameImageKey(data.sessionId, f.timestampMs);
        await rt.storage.putStream(imageKey, createReadStream(f.pngPath), { contentType: 'image/png', signal });
        const typed = f.typed ? { timestamp: f.typed.timestampMs, imageKey: typedFrameKey(data.sessionId, f.typed.timestampMs), whole: f.typed.whole, x: f.typed.x, y: f.typed.y } : undefined;
        if (typed) await rt.storage.putStream(typed.imageKey, createReadStream(f.typed!.pngPath), { contentType: 'image/png', signal });
        return { timestamp: f.timestampMs, imageKey, thumbnailUrl: f.thumbnailDataUrl, score: f.score, fromMs: f.fromMs, ...(typed ? { typed } : {}), ...(f.returned ? { returned: f.returned } : {}) };
      }),
    ),
  );
  const playbackKey = await playback;
  const laneResult: VideoLaneResult = {
    durationMs: probe.durationMs,
    width: probe.width,
    height: probe.height,
    frames,
    pointer: result.pointer,
    ...(playbackKey ? { playbackKey } : {}),
  };
  const t3 = performance.now();
  if (!(await saveLaneResult(rt.db, data.sessionId, 'video', laneResult))) throw new SessionEndedError();
  const phasesMs = { fetchAndProbe: Math.round(t1 - t0), analyze: Math.round(t2 - t1), upload: Math.round(t3 - t2), save: Math.round(performance.now() - t3) };
  log.info({ frames: frames.length, durationMs: probe.durationMs, phasesMs, timings: result.timings }, 'keyframes extracted');
  return { detail: plural(frames.length, 'frame') };
};
