/**
 * The recording pipeline's job types, as one table: a job name is its queue's name, each carries only ids
 * and upload-time options (Postgres owns the state), and each has one policy. Adding a job type here makes
 * the worker's handler table fail to compile until it has a handler.
 */
export const JOB_NAMES = ['video', 'playwright', 'synthesize'] as const;
export type JobName = (typeof JOB_NAMES)[number];
export type LaneJobName = Exclude<JobName, 'synthesize'>;

export interface JobDataByName {
  /** Keyframes from the recording (ffmpeg + sharp). */
  video: { sessionId: string; maxRecordingMinutes: number };
  /** ARIA trees from a real browser (Chromium). */
  playwright: { sessionId: string };
  /** Frames + trees → prompt; runs once both lanes completed. */
  synthesize: { sessionId: string };
}

export type JobData<N extends JobName = JobName> = JobDataByName[N];

export interface JobPolicy {
  attempts: number;
  /** Exponential backoff base delay between attempts. */
  backoffMs: number;
  /** A job running longer is aborted (its child processes killed) and counts as a failed attempt. */
  timeoutMs: number;
  /** Default jobs in flight per worker process; WORKER_CONCURRENCY_<NAME> overrides it. */
  concurrency: number;
}

export const JOB_POLICIES: Record<JobName, JobPolicy> = {
  video: { attempts: 3, backoffMs: 2_000, timeoutMs: 10 * 60_000, concurrency: 1 },
  playwright: { attempts: 3, backoffMs: 2_000, timeoutMs: 5 * 60_000, concurrency: 2 },
  synthesize: { attempts: 3, backoffMs: 1_000, timeoutMs: 2 * 60_000, concurrency: 4 },
};

/** Where each job's status lives in the contract's ProcessingStatus. */
export const LANE_KEY = { video: 'videoLane', playwright: 'playwrightLane', synthesize: 'synthesis' } as const;
export type LaneKey = (typeof LANE_KEY)[JobName];

/** Deterministic per session and job (BullMQ ids may not contain ':'): re-adding a flow is a no-op. */
export const jobId = (sessionId: string, name: JobName) => `${sessionId}-${name}`;
