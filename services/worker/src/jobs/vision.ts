import { getLaneResults, saveLaneResult } from '@claude-scope/db';
import { plural } from '@claude-scope/prompt';
import type { Ocr } from '@claude-scope/ocr';
import type { TypedFrameRef, VisionLaneResult } from '@claude-scope/pipeline';
import { inferredTimeline, readKeyframes, type ReadPlan, type TypedSource } from '@claude-scope/vision';
import { fetchKeyframe, grayOf, readKeyframe } from '../vision/keyframe-files.js';
import { PermanentJobError } from './errors.js';
import { SessionEndedError } from './session-end.js';
import type { Handler } from './run-job.js';

/** A keyframe's typed frame (VideoLaneResult), as the lane reads it: one area of its PNG. */
function typedSource(t: TypedFrameRef, file: string, ocr: Ocr): TypedSource {
  return { timestamp: t.timestamp, whole: t.whole, x: t.x, y: t.y, read: async (region) => ocr.read({ data: await readKeyframe(file) }, { region }) };
}

/**
 * Vision lane: the video lane's keyframes → screen text (OCR of the first frame whole, then of what changed and
 * the pointer's neighbourhood) → what changed in words, the action before each keyframe, the address bar's URL.
 * Runs after the video lane (the flow's `after`): beside the Playwright lane when a timeline was uploaded, before it
 * otherwise (that lane then replays the actions inferred here). It is `optional` in the job table: if
 * it cannot read the frames after its retries, its status ends `error` and the session completes without it.
 */
export const vision: Handler<'vision'> = async ({ data, session, rt, signal, checkpoint, tmpDir, progress, log }) => {
  const { video } = await getLaneResults(rt.db, data.sessionId);
  if (!video) throw new PermanentJobError('the video lane finished without storing its keyframes; please upload again');
  const keyframes = [...video.frames].sort((a, b) => a.timestamp - b.timestamp);
  const scene = { width: video.width, height: video.height, pointer: video.pointer ?? [], ...(session.seedUrl ? { seedUrl: session.seedUrl } : {}) };
  const files = await Promise.all(keyframes.map((k, i) => rt.io.use(() => fetchKeyframe(rt.storage, k.imageKey, tmpDir, `keyframe-${i}`, signal))));
  const typedFiles = await Promise.all(keyframes.map((k, i) => (k.typed ? rt.io.use(() => fetchKeyframe(rt.storage, k.typed!.imageKey, tmpDir, `typed-${i}`, signal)) : null)));
  const sources = keyframes.map((k, i) => ({
    timestamp: k.timestamp,
    ...(k.fromMs !== undefined ? { fromMs: k.fromMs } : {}),
    ...(k.returned ? { returned: k.returned } : {}),
    gray: () => grayOf(files[i]!),
    read: async (areas: ReadPlan) => {
      const png = await readKeyframe(files[i]!);
      if (areas === null) return rt.ocr.read({ data: png }, { looks: true });
      return (await Promise.all(areas.map((region) => rt.ocr.read({ data: png }, { region, looks: true })))).flat();
    },
    ...(k.typed && typedFiles[i] ? { typed: typedSource(k.typed, typedFiles[i]!, rt.ocr) } : {}),
  }));
  const frames = await readKeyframes(sources, scene, {
    signal,
    onProgress: (done, total) => void progress((done / total) * 100, `${done}/${plural(total, 'frame')} read`),
    // A typed frame only adds a value typed and submitted: one whose reading fails is left out, not the lane. (A
    // storage error fetching it still fails the job, which retries, as for any keyframe.)
    onTypedLost: (i, err) => log.warn({ err, timestamp: keyframes[i]!.timestamp }, 'typed frame left out: it could not be read'),
  });
  const result: VisionLaneResult = { frames };
  await checkpoint();
  if (!(await saveLaneResult(rt.db, data.sessionId, 'vision', result))) throw new SessionEndedError();
  const actions = inferredTimeline(frames).length;
  return { detail: `${plural(result.frames.length, 'frame')} read, ${plural(actions, 'action')} inferred` };
};
