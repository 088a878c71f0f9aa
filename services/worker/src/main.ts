import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loggableError } from '@claude-scope/secrets';
import { ConfigError } from '@claude-scope/config';
import { concurrencyOf, loadWorkerConfig, warmsOcr, type WorkerConfig } from './config.js';
import { startHealthServer, type HealthState } from './health.js';
import { handlers } from './jobs/handlers.js';
import { runJob } from './jobs/run-job.js';
import { createRuntime } from './runtime.js';
import { startWatchdog } from './watchdog.js';

let config: WorkerConfig;
try {
  config = loadWorkerConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
  throw err;
}

// Errors without an ORM query's parameters, secrets masked (a failed job's error may carry a row's values).
const log = pino({ level: config.LOG_LEVEL, base: { role: 'worker', pid: process.pid }, serializers: { err: loggableError } });
const rt = createRuntime(config, log);
if (warmsOcr(config)) {
  // In the background, before any queue is consumed: a vision job's reads queue behind the warm-up's (FIFO).
  const t0 = performance.now();
  rt.ocr.warmUp().then(
    (words) => log.info({ words, ms: Math.round(performance.now() - t0) }, 'OCR pool warmed'),
    (err: unknown) => log.warn({ err }, 'OCR pool warm-up failed'),
  );
}
// BullMQ workers block on Redis: their connection must retry forever (maxRetriesPerRequest: null).
const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
connection.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));

const health: HealthState = {
  workers: [],
  redis: connection,
  activity: rt.activity,
  wedgedAfterMs: config.WORKER_WEDGED_AFTER_MS,
  registry: rt.metrics.registry,
};
for (const name of config.WORKER_QUEUES) {
  const worker = new Worker(
    name,
    (job) => runJob(rt, handlers, job),
    {
      connection,
      prefix: config.QUEUE_PREFIX,
      concurrency: concurrencyOf(config, name),
      lockDuration: config.WORKER_LOCK_DURATION_MS,
      stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
      maxStalledCount: 2,
    },
  );
  worker.on('error', (err) => log.error({ err, queue: name }, 'worker error'));
  rt.metrics.concurrency.set({ queue: name }, concurrencyOf(config, name));
  health.workers.push(worker);
}
const stopWatchdog = startWatchdog(rt);
const healthServer = startHealthServer(config.WORKER_HEALTH_PORT, health);
log.info({ queues: config.WORKER_QUEUES, healthPort: config.WORKER_HEALTH_PORT }, 'worker started');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: no new jobs; waiting for jobs in flight');
  stopWatchdog();
  // Stop taking jobs and let in-flight ones finish; past the grace period they are handed back (stalled → retried).
  const graceful = Promise.all(health.workers.map((w) => w.close()));
  const timedOut = await Promise.race([
    graceful.then(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(true), config.WORKER_SHUTDOWN_GRACE_MS).unref()),
  ]);
  if (timedOut) {
    log.warn('grace period over; handing back jobs in flight');
    await Promise.all(health.workers.map((w) => w.close(true).catch(() => {})));
  }
  healthServer.close();
  await rt.close().catch(() => {});
  connection.disconnect();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
