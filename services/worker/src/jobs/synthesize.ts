import { completeSessionProcessing, getLaneResults, getSettings } from '@claude-scope/db';
import { plural, promptOptions, render } from '@claude-scope/prompt';
import { fuseFrames, inferredReplayCounts, timelineSteps, toAnalysis, visitedUrls } from '../synthesis/fuse.js';
import { PermanentJobError } from './errors.js';
import type { Handler } from './run-job.js';

/** Synthesis: lane results → frames (tree + diff per frame) and the prompt, written in one transaction. */
export const synthesize: Handler<'synthesize'> = async ({ data, session, rt, progress, log }) => {
  const { video, playwright: pw, vision } = await getLaneResults(rt.db, data.sessionId);
  if (!video || !pw) throw new PermanentJobError('a lane finished without storing its results; please upload again');

  const seedUrl = session.seedUrl ?? '';
  // A seed page the workers could not open: the session goes on from the video (and the timeline, if any).
  const steps = pw.unavailable ? timelineSteps(seedUrl, session.timeline) : pw.steps;
  const frames = fuseFrames({ seedUrl, timeline: session.timeline, video, steps, pageUnavailable: !!pw.unavailable, vision: vision?.frames });
  const urls = visitedUrls(seedUrl, steps, frames);
  await progress(50, plural(frames.length, 'frame'));

  const settings = await getSettings(rt.db, session.userId);
  const hasTimeline = !!session.timeline?.length;
  const analysis = toAnalysis(
    {
      title: session.title,
      notes: session.notes,
      seedUrl,
      hasTimeline,
      ...(pw.unavailable ? { pageUnavailable: pw.unavailable } : {}),
      // Without a timeline the Playwright lane replayed what the vision lane inferred.
      ...(!hasTimeline && !pw.unavailable ? { inferredReplay: inferredReplayCounts(pw.steps) } : {}),
    },
    frames,
    urls,
    video.durationMs,
  );
  const prompt = render(analysis, promptOptions(settings, rt.config.PROMPT_MAX_CHARS), session.agentTarget);

  const completed = await completeSessionProcessing(rt.db, data.sessionId, {
    frames: frames.map((f) => ({
      timestamp: f.timestamp,
      url: f.url,
      thumbnailUrl: f.thumbnailUrl,
      imageKey: f.imageKey,
      diffSummary: f.diffSummary,
      ariaTree: f.ariaTree,
      description: f.description,
      action: f.action,
    })),
    duration: Math.round(video.durationMs) / 1000,
    urls,
    prompt,
    analysis,
    playbackKey: video.playbackKey ?? null,
  });
  if (!completed) return;
  // The product promises the raw video is not kept once processed.
  if (!rt.config.RETAIN_RECORDINGS && session.recordingKey) {
    await rt.storage.deleteKeys([session.recordingKey]).catch((err: unknown) => log.warn({ err }, 'could not delete the raw recording'));
  }
  await rt.publishSessionEvent(data.sessionId);
  return { detail: plural(frames.length, 'frame') };
};
