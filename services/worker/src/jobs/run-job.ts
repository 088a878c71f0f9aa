import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { failSessionProcessing, getSessionById, setLaneStatus, type SessionRow } from '@claude-scope/db';
import { JOBS, type JobData, type JobDataOf, type JobName, type JobSpec, type JobTable } from '@claude-scope/pipeline';
import type { Runtime } from '../runtime.js';
import { JobTimeoutError, PermanentJobError, humanMessage, scrub } from './errors.js';
import { cleanUpEnded, SessionEndedError, sessionEnded } from './session-end.js';

export interface JobContext<D = JobData> {
  name: string;
  data: D;
  /** The session as read once when the job started (status `processing`); writes go through the guarded repos. */
  session: SessionRow;
  job: Job;
  rt: Runtime;
  log: Logger;
  /**
   * Aborted on the job's timeout, or with SessionEndedError once the session is no longer processing:
   * handlers pass it to every child process, browser call and upload.
   */
  signal: AbortSignal;
  /** Throws SessionEndedError if the session ended meanwhile: call it before storing anything costly. */
  checkpoint(): Promise<void>;
  /** A private temp dir, removed when the job ends. */
  tmpDir: string;
  /** Reports progress (0–100) to the lane status; throttled. */
  progress(percent: number, detail?: string): Promise<void>;
}

/**
 * What a lane reports when it ends: `detail` (e.g. `12 frames`), or `error` for a lane that could do nothing
 * useful but must not fail the session (a seed page that could not be opened: the video still tells the story).
 * The lane's status then ends `error` with that message, and the flow goes on.
 */
export interface HandlerOutcome {
  detail?: string;
  error?: string;
}
type HandlerOf<D> = (ctx: JobContext<D>) => Promise<HandlerOutcome | void>;
export type Handler<N extends JobName> = HandlerOf<JobData<N>>;
/** One handler per job type of the table: a job type without one does not compile. */
export type HandlerTable<T extends JobTable = typeof JOBS> = { [N in keyof T]: HandlerOf<JobDataOf<T, N>> };

const PROGRESS_INTERVAL_MS = 500;
/** After an abort, how long a handler gets to unwind (kill ffmpeg, abort uploads) before the cleanup runs. */
const UNWIND_MS = 5_000;

interface Run {
  rt: Runtime;
  handler: HandlerOf<JobData>;
  job: Job;
  name: string;
  spec: JobSpec;
  data: JobData;
  session: SessionRow;
  attempt: number;
  maxAttempts: number;
  log: Logger;
}

/**
 * Runs one job: lane status in Postgres before, during and after; a timeout that aborts the handler;
 * a temp dir; and the failure policy — a permanent error or the last attempt fails the session with a
 * human lastError, anything else is retried by BullMQ with backoff.
 */
export async function runJob<T extends JobTable>(rt: Runtime, handlers: HandlerTable<T>, job: Job, table: T = JOBS as JobTable as T): Promise<void> {
  const name = job.name;
  const spec = table[name];
  const handler = handlers[name] as HandlerOf<JobData> | undefined;
  if (!spec || !handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
  const data = job.data as JobData;
  const attempt = job.attemptsMade + 1;
  const log = rt.log.child({ sessionId: data.sessionId, jobId: job.id, job: name, attempt });

  const session = await getSessionById(rt.db, data.sessionId);
  if (!session || session.status !== 'processing') {
    // Deleted (or already finished) while queued: nothing to do, and nothing of it may stay in storage.
    log.info({ status: session?.status ?? 'deleted' }, 'session no longer processing; skipping job');
    await cleanUpEnded(rt, data.sessionId, log);
    if (spec) await dropEphemeralData(job, spec, log);
    return;
  }

  rt.activity.active++;
  rt.activity.lastAt = Date.now();
  try {
    await run({ rt, handler, job, name, spec, data, session, log, attempt, maxAttempts: job.opts.attempts ?? spec.attempts });
  } finally {
    rt.activity.active--;
    rt.activity.lastAt = Date.now();
  }
}

async function run({ rt, handler, job, name, spec, data, session, attempt, maxAttempts, log }: Run): Promise<void> {
  const { lane, label, timeoutMs } = spec;
  const sessionId = session.id;
  const startedAt = new Date().toISOString();
  const started = await setLaneStatus(rt.db, sessionId, lane, {
    status: 'running',
    progress: 0,
    startedAt,
    completedAt: undefined,
    error: undefined,
    detail: attempt > 1 ? `attempt ${attempt} of ${maxAttempts}` : undefined,
  });
  if (!started) {
    // Ended since runJob looked (the guarded write says so): nothing to do.
    log.info('session no longer processing; skipping job');
    await cleanUpEnded(rt, sessionId, log);
    return;
  }

  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new JobTimeoutError(`${label} timed out after ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  // The session may end elsewhere (the other lane failed it, the watchdog): stop at once, write nothing.
  const stopIfEnded = async () => {
    if (!controller.signal.aborted && (await sessionEnded(rt, sessionId).catch(() => false))) controller.abort(new SessionEndedError());
  };
  const tmpDir = await mkdtemp(path.join(rt.config.WORKER_TMP_DIR ?? os.tmpdir(), `cs-${name}-`));
  let lastProgress = 0;
  const ctx: JobContext = {
    name,
    data,
    session,
    job,
    rt,
    log,
    signal: controller.signal,
    async checkpoint() {
      await stopIfEnded();
      controller.signal.throwIfAborted();
    },
    tmpDir,
    async progress(percent, detail) {
      const now = Date.now();
      rt.activity.lastAt = now;
      if (percent < 100 && now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      const processing = await setLaneStatus(rt.db, sessionId, lane, { progress: Math.max(0, Math.min(100, Math.round(percent))), ...(detail ? { detail } : {}) });
      // The guarded write found the session gone or ended (a missed event): the handler stops at its next step.
      if (!processing) controller.abort(new SessionEndedError());
      await job.updateProgress(Math.round(percent)).catch(() => {});
    },
  };

  const stopWatching = rt.sessionEvents.on(sessionId, () => void stopIfEnded());
  const t0 = Date.now();
  let handling: Promise<unknown> = Promise.resolve();
  try {
    const aborted = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
    );
    const running = handler(ctx);
    handling = running.catch(() => {});
    const outcome = await Promise.race([running, aborted]);
    // The job that completes the session writes its own status with the result (one transaction).
    if (!spec.completesSession) {
      await setLaneStatus(rt.db, sessionId, lane, {
        status: outcome?.error ? 'error' : 'complete',
        progress: 100,
        completedAt: new Date().toISOString(),
        ...(outcome?.detail ? { detail: outcome.detail } : {}),
        ...(outcome?.error ? { error: scrub(outcome.error) } : {}),
      });
    }
    rt.metrics.record(name, 'completed', (Date.now() - t0) / 1000);
    if (outcome?.error) log.warn({ ms: Date.now() - t0, laneError: outcome.error }, 'job ended with its lane in error; the session goes on');
    else log.info({ ms: Date.now() - t0 }, 'job complete');
    await dropEphemeralData(job, spec, log);
  } catch (err) {
    if (err instanceof SessionEndedError || controller.signal.reason instanceof SessionEndedError || (await sessionEnded(rt, sessionId).catch(() => false))) {
      // Not this job's failure and nothing to retry: whoever ended the session said why.
      log.info({ ms: Date.now() - t0, err: err instanceof SessionEndedError ? undefined : err }, 'session ended while the job ran; job stopped');
      await dropEphemeralData(job, spec, log);
      return;
    }
    const permanent = err instanceof PermanentJobError || err instanceof UnrecoverableError;
    const final = permanent || attempt >= maxAttempts;
    rt.metrics.record(name, final ? 'failed' : 'retried', (Date.now() - t0) / 1000);
    log.warn({ err, ms: Date.now() - t0, final }, 'job failed');
    if (final && spec.optional) {
      // The session goes on without this lane: its status says why, and the job completes so the flow's parent runs.
      await dropEphemeralData(job, spec, log);
      const message = humanMessage(err, label);
      await setLaneStatus(rt.db, sessionId, lane, { status: 'error', error: message, completedAt: new Date().toISOString() }).catch(() => {});
      log.warn({ err: message }, 'optional lane failed; the session goes on without it');
      return;
    }
    if (final) {
      await dropEphemeralData(job, spec, log);
      const message = humanMessage(err, label);
      if (await failSessionProcessing(rt.db, sessionId, lane, message)) await rt.publishSessionEvent(sessionId);
      if (permanent && !(err instanceof UnrecoverableError)) throw new UnrecoverableError(message);
    } else {
      await setLaneStatus(rt.db, sessionId, lane, {
        detail: `attempt ${attempt} of ${maxAttempts} failed; retrying`,
      }).catch(() => {});
    }
    throw err;
  } finally {
    clearTimeout(timer);
    stopWatching();
    controller.abort();
    // An aborted handler may still be unwinding (an upload, a child process): let it, briefly, before cleaning up.
    await Promise.race([handling, new Promise((r) => setTimeout(r, UNWIND_MS).unref())]);
    await rm(tmpDir, { recursive: true, force: true }).catch(() => {});
    // Deleted or failed while running: remove whatever was stored for it (see session-end.ts).
    await cleanUpEnded(rt, sessionId, log);
  }
}

/**
 * Removes the data a job may hold only while it can still run (`spec.ephemeral`: typed secrets for a replay)
 * from the job BullMQ keeps after it ends. A retry still needs them, so this runs only once the job is done.
 */
async function dropEphemeralData(job: Job, spec: JobSpec, log: Logger): Promise<void> {
  const keys = (spec.ephemeral ?? []).filter((k) => k in (job.data as object));
  if (!keys.length) return;
  const kept = Object.fromEntries(Object.entries(job.data as Record<string, unknown>).filter(([k]) => !keys.includes(k)));
  await job.updateData(kept).catch((err: unknown) => log.warn({ err }, 'could not remove ephemeral job data'));
}
