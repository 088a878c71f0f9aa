import { bool, int, list, loadConfig, oneOf, optionalStr, str, url, s3ConfigSpec, type ConfigOf, type Env, type Var } from '@claude-scope/config';
import { JOB_NAMES, JOBS, type JobName, type JobTable } from '@claude-scope/pipeline';

export const concurrencyVar = <N extends string>(name: N) => `WORKER_CONCURRENCY_${name.toUpperCase() as Uppercase<N>}` as const;

/** One WORKER_CONCURRENCY_<NAME> per job type of the table, its default the table's. */
export function concurrencySpec<T extends JobTable>(table: T): { [N in keyof T & string as ReturnType<typeof concurrencyVar<N>>]: Var<number> } {
  return Object.fromEntries(
    Object.entries(table).map(([name, job]) => [concurrencyVar(name), int({ default: job.concurrency, min: 1, max: 64 })]),
  ) as { [N in keyof T & string as ReturnType<typeof concurrencyVar<N>>]: Var<number> };
}

/** Every variable the worker reads. README's table is written from this list. */
export const workerConfigSpec = {
  NODE_ENV: oneOf(['development', 'production', 'test'] as const, { default: 'development' }),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, { default: 'info' }),
  DATABASE_URL: url({ protocols: ['postgres', 'postgresql'] }),
  DATABASE_POOL_MAX: int({ default: 5, min: 1, max: 100 }),
  REDIS_URL: url({ protocols: ['redis', 'rediss'] }),
  QUEUE_PREFIX: str({ default: 'claude-scope' }),
  ...s3ConfigSpec,
  /** Which queues this process consumes: scale each lane by running processes with just that queue. */
  WORKER_QUEUES: list(oneOf(JOB_NAMES), { default: [...JOB_NAMES] }),
  ...concurrencySpec(JOBS),
  /** A job whose lock is not renewed for this long (crashed worker) is handed to another worker. */
  WORKER_LOCK_DURATION_MS: int({ default: 30_000, min: 1_000 }),
  WORKER_STALLED_INTERVAL_MS: int({ default: 30_000, min: 1_000 }),
  /** On SIGTERM, in-flight jobs get this long to finish before they are handed back. */
  WORKER_SHUTDOWN_GRACE_MS: int({ default: 30_000, min: 0 }),
  WORKER_TMP_DIR: optionalStr(),
  WORKER_HEALTH_PORT: int({ default: 9464, min: 0, max: 65535 }),
  /** /health turns 503 when jobs are in flight but none reported progress for this long (a wedged worker). */
  WORKER_WEDGED_AFTER_MS: int({ default: 11 * 60_000, min: 5_000 }),
  /** Sessions still processing after this long are failed by the watchdog. */
  PROCESSING_MAX_AGE_MS: int({ default: 30 * 60_000, min: 10_000 }),
  WATCHDOG_INTERVAL_MS: int({ default: 60_000, min: 1_000 }),
  /** Keep the raw recording in S3 after processing (the product promises it is not kept). */
  RETAIN_RECORDINGS: bool({ default: false }),
  FFMPEG_PATH: optionalStr(),
  FFPROBE_PATH: optionalStr(),
  /** ffmpeg/ffprobe children and sharp jobs at once per process (both CPU-heavy), across the video jobs in flight. */
  VIDEO_FFMPEG_CONCURRENCY: int({ default: 2, min: 1, max: 64 }),
  VIDEO_SHARP_CONCURRENCY: int({ default: 2, min: 1, max: 64 }),
  MAX_KEYFRAMES: int({ default: 60, min: 1, max: 500 }),
  /** OCR recognitions at once per process (each a Tesseract worker of ~40 MB), across the vision jobs in flight. */
  VISION_OCR_CONCURRENCY: int({ default: 2, min: 1, max: 32 }),
  /**
   * A process that consumes the vision queue has each OCR worker read a small image at start, so the first
   * session's reads do not pay the WebAssembly compiles (bench/results/vision-cpu.md). Tests turn it off.
   */
  VISION_OCR_WARM_UP: bool({ default: true }),
  CHROMIUM_PATH: str({ default: '/usr/bin/chromium' }),
  /**
   * Run Chromium without its sandbox: only where it cannot have one (as root: tests, `make dev`). The worker
   * image runs as a non-root user with the sandbox on; turning it off is logged as a warning at each launch.
   */
  CHROMIUM_NO_SANDBOX: bool({ default: false }),
  PLAYWRIGHT_NAVIGATION_TIMEOUT_MS: int({ default: 15_000, min: 1_000 }),
  PLAYWRIGHT_MAX_PAGES: int({ default: 4, min: 1, max: 64 }),
  /** Let the Playwright lane open loopback and private addresses (local development only). */
  PLAYWRIGHT_ALLOW_PRIVATE: bool({ default: false }),
  /** Hosts (or host:port) the lane may open even though they resolve to private addresses. */
  PLAYWRIGHT_ALLOWED_HOSTS: list(str(), { default: [] }),
  PROMPT_MAX_CHARS: int({ default: 60_000, min: 1_000 }),
};

export type WorkerConfig = ConfigOf<typeof workerConfigSpec>;

export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  return loadConfig(workerConfigSpec, env);
}

/** Whether this process warms its OCR pool at start: it serves the vision lane and warming is on. */
export const warmsOcr = (config: WorkerConfig): boolean => config.VISION_OCR_WARM_UP && config.WORKER_QUEUES.includes('vision');

export function concurrencyOf(config: WorkerConfig, name: JobName): number {
  return config[concurrencyVar(name)];
}
