import type { LaneStatus, ProcessingStatus } from '@claude-scope/contracts';

/** The contract's per-job status fields: every `ProcessingStatus` key holding a `LaneStatus`. */
export type LaneKey = { [K in keyof ProcessingStatus]-?: ProcessingStatus[K] extends LaneStatus ? K : never }[keyof ProcessingStatus];

/**
 * A value the user typed into a secret field (a password, a one-time code), by its event's index in the
 * timeline. `sessions.timeline` stores it masked; the Playwright lane needs the real one to replay a sign-in,
 * so it travels only in that job's data and is removed from it once the job has ended (see `ephemeral`).
 */
export interface TypedSecret {
  index: number;
  value: string;
}

/** What an upload decided for its whole flow (the account's settings at upload time). */
export interface UploadOptions {
  maxRecordingMinutes: number;
  /**
   * The upload carried a timeline. Without one, the Playwright lane replays the vision lane's inferred events
   * (so it runs after that lane); with one, it replays the timeline, beside the other lanes.
   */
  hasTimeline: boolean;
  /** Typed secrets of the uploaded timeline, for replay only (never stored in Postgres). */
  typedSecrets?: readonly TypedSecret[];
}

/** Everything about one job type. Its name is its queue's name. */
export interface JobSpec<Data extends { sessionId: string } = { sessionId: string }> {
  /** Where its status lives in the contract's ProcessingStatus. */
  lane: LaneKey;
  /** How users read it in lastError and timeout messages, e.g. "video lane failed after several attempts". */
  label: string;
  /**
   * The one job that writes the session's result and completes it: the flow's parent, run once every other
   * job (a lane, whose status the runner completes) finished; a lane failing after its retries fails it.
   */
  completesSession: boolean;
  attempts: number;
  /** Exponential backoff base delay between attempts. */
  backoffMs: number;
  /** A job running longer is aborted (its child processes killed) and counts as a failed attempt. */
  timeoutMs: number;
  /** Default jobs in flight per worker process; the worker's WORKER_CONCURRENCY_<NAME> overrides it. */
  concurrency: number;
  /** The job's data: only ids and upload-time options (Postgres owns the state). */
  data(sessionId: string, upload: UploadOptions): Data;
  /** Keys of its data that must not outlive the job: removed from the stored job once it completed or finally failed. */
  ephemeral?: readonly string[];
  /**
   * The job whose result this one reads (the vision lane reads the video lane's keyframes): it runs once that
   * one completed, as its parent in the flow. Jobs without it start at once, in parallel. A function decides per
   * upload (the Playwright lane reads the vision lane's inferred events only when no timeline was uploaded).
   */
  after?: string | ((upload: UploadOptions) => string | undefined);
  /**
   * A lane the session can do without (the vision lane: the keyframes still tell the story): when it fails for
   * good — after its retries, a timeout, a crash — its status ends `error` and the flow goes on without its
   * result, instead of failing the session.
   */
  optional?: boolean;
}

export type JobTable = Record<string, JobSpec>;

/**
 * The recording pipeline's job types, as one table: the flow, the retry/timeout policies, the worker's
 * queues, concurrency settings and status fields all follow from it. Adding a job type here makes the
 * worker's handler table fail to compile until it has a handler (and, for a lane, until its result type is
 * in `LaneResultByName`).
 */
export const JOBS = {
  /** Keyframes from the recording (ffmpeg + sharp). */
  video: {
    lane: 'videoLane',
    label: 'video lane',
    completesSession: false,
    attempts: 3,
    backoffMs: 2_000,
    timeoutMs: 10 * 60_000,
    concurrency: 1,
    data: (sessionId, upload) => ({ sessionId, maxRecordingMinutes: upload.maxRecordingMinutes }),
  },
  /** ARIA trees from a real browser (Chromium). */
  playwright: {
    lane: 'playwrightLane',
    label: 'Playwright lane',
    completesSession: false,
    attempts: 3,
    backoffMs: 2_000,
    timeoutMs: 5 * 60_000,
    concurrency: 2,
    data: (sessionId, upload): { sessionId: string; typedSecrets?: readonly TypedSecret[] } =>
      upload.typedSecrets?.length ? { sessionId, typedSecrets: upload.typedSecrets } : { sessionId },
    ephemeral: ['typedSecrets'],
    // Without an uploaded timeline it replays what the vision lane inferred, so it runs once that lane ended
    // (the vision lane is optional: failing for good, it still completes, and the replay has nothing to replay).
    after: (upload) => (upload.hasTimeline ? undefined : 'vision'),
  },
  /** Screen text, pointer and address bar read from the video lane's keyframes → what changed and what the user did. */
  vision: {
    lane: 'visionLane',
    label: 'vision lane',
    completesSession: false,
    attempts: 3,
    backoffMs: 2_000,
    timeoutMs: 5 * 60_000,
    concurrency: 1,
    after: 'video',
    optional: true,
    data: (sessionId) => ({ sessionId }),
  },
  /** Lane results → frames and the prompt; runs once every lane completed. */
  synthesize: {
    lane: 'synthesis',
    label: 'synthesis',
    completesSession: true,
    attempts: 3,
    backoffMs: 1_000,
    timeoutMs: 2 * 60_000,
    concurrency: 4,
    data: (sessionId) => ({ sessionId }),
  },
} as const satisfies JobTable;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
/** The jobs that produce a result for the one that completes the session. */
export type LaneJobName = { [N in JobName]: (typeof JOBS)[N]['completesSession'] extends true ? never : N }[JobName];

export type JobDataOf<T extends JobTable, N extends keyof T> = ReturnType<T[N]['data']>;
export type JobData<N extends JobName = JobName> = JobDataOf<typeof JOBS, N>;

/** The job a job reads for this upload (see `JobSpec.after`). */
export function afterOf(spec: JobSpec, upload: UploadOptions): string | undefined {
  return typeof spec.after === 'function' ? spec.after(upload) : spec.after;
}

/** Deterministic per session and job (BullMQ ids may not contain ':'): re-adding a flow is a no-op. */
export const jobId = (sessionId: string, name: string) => `${sessionId}-${name}`;
