import { getLaneResults, saveLaneResult } from '@claude-scope/db';
import { plural } from '@claude-scope/prompt';
import { BrowserGoneError } from '../browser/manager.js';
import { BlockedUrlError } from '../browser/ssrf.js';
import { inferredEvents } from '../playwright/inferred.js';
import { recordingOriginOf } from '../playwright/origin.js';
import { captureSteps, SeedUnreachableError, type LaneOptions } from '../playwright/playwright-lane.js';
import { summarizeTiming } from '../playwright/timing.js';
import { withTypedSecrets, type PlaywrightLaneResult } from '@claude-scope/pipeline';
import { PermanentJobError } from './errors.js';
import { SessionEndedError } from './session-end.js';
import type { Handler } from './run-job.js';

/**
 * Playwright lane: the seed URL (and the timeline replayed) in a fresh, guarded browser context → ARIA trees.
 * Without an uploaded timeline it runs after the vision lane (the flow's `after`) and replays the events that lane
 * inferred, each one it can (see playwright/inferred.ts); a vision lane that failed leaves only the seed page.
 * A blocked or unreachable seed (a developer's localhost, staging behind a VPN: the usual case for a self-hosted
 * worker) is not the session's failure: the lane ends `error` with the reason, stores it for synthesis, and the
 * session completes from the video. A browser that died is retried (the next attempt relaunches it).
 */
export const playwright: Handler<'playwright'> = async ({ data, session, rt, signal, progress, log }) => {
  if (!session.seedUrl) throw new PermanentJobError('the session has no seed URL to open');
  const { config } = rt;
  const seedUrl = session.seedUrl;
  let replay: Pick<LaneOptions, 'timeline' | 'inferred'>;
  if (session.timeline?.length) {
    // The stored timeline has typed secrets masked; this job's data carries them for the replay alone.
    replay = { timeline: withTypedSecrets(session.timeline, data.typedSecrets) };
  } else {
    const frames = (await getLaneResults(rt.db, data.sessionId)).vision?.frames ?? [];
    const recordingOrigin = recordingOriginOf(frames, seedUrl);
    replay = { timeline: inferredEvents(frames), inferred: { seedUrl, ...(recordingOrigin ? { recordingOrigin } : {}) } };
  }
  let steps;
  try {
    steps = await captureSteps(rt.browser, {
      seedUrl,
      ...replay,
      policy: { allowPrivate: config.PLAYWRIGHT_ALLOW_PRIVATE, allowedHosts: config.PLAYWRIGHT_ALLOWED_HOSTS },
      navigationTimeoutMs: config.PLAYWRIGHT_NAVIGATION_TIMEOUT_MS,
      signal,
      onStep: (done, total) => progress((done / total) * 100, `${done}/${plural(total, 'step')}`),
    });
  } catch (err) {
    const unavailable =
      err instanceof BlockedUrlError ? `seed URL blocked: ${err.message}` : err instanceof SeedUnreachableError ? err.message : null;
    if (unavailable !== null) {
      const result: PlaywrightLaneResult = { steps: [], unavailable };
      if (!(await saveLaneResult(rt.db, data.sessionId, 'playwright', result))) throw new SessionEndedError();
      log.info({ reason: unavailable }, 'seed page unavailable; the session goes on from the video');
      return { error: unavailable };
    }
    if (err instanceof BrowserGoneError) log.warn({ err: err.message }, 'browser gone mid-job; the retry relaunches it');
    throw err;
  }
  const result: PlaywrightLaneResult = { steps };
  if (!(await saveLaneResult(rt.db, data.sessionId, 'playwright', result))) throw new SessionEndedError();
  const timing = summarizeTiming(steps);
  if (timing) log.info({ replay: timing }, 'timeline replayed: where the time per event went');
  const failed = steps.filter((s) => s.failure).length;
  if (replay.inferred) {
    const total = steps.length - 1;
    log.info({ events: total, notReplayed: failed }, 'inferred events replayed');
    return { detail: `${total - failed} of ${plural(total, 'inferred event')} replayed` };
  }
  return { detail: `${plural(steps.length, 'step')}${failed ? `, ${failed} failed` : ''}` };
};
