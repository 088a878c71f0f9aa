import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeDb, createDb, type Database } from '@claude-scope/db';
import { sessionEventsChannel } from '@claude-scope/pipeline';
import { storageFromConfig, type Storage } from '@claude-scope/storage';
import { configureVideo } from '@claude-scope/video';
import { Semaphore } from '@claude-scope/video/limits';
import { createOcr, type Ocr } from '@claude-scope/ocr';
import { BrowserManager } from './browser/manager.js';
import type { WorkerConfig } from './config.js';
import { WorkerMetrics } from './metrics.js';
import { SessionEvents } from './session-events.js';

/** Everything a job handler may touch, created once per worker process. */
export interface Runtime {
  config: WorkerConfig;
  log: Logger;
  db: Database;
  storage: Storage;
  browser: BrowserManager;
  /** Bounds S3 transfers of frame images across all jobs of this process. */
  io: Semaphore;
  /** Screen text: a bounded pool of OCR workers, started on first use. */
  ocr: Ocr;
  metrics: WorkerMetrics;
  /** Heartbeat of job activity (start, progress, end), read by the health endpoint. */
  activity: { lastAt: number; active: number };
  publishSessionEvent(sessionId: string): Promise<void>;
  /** Sessions ending (any worker publishes it), so the jobs in flight for them stop. */
  sessionEvents: SessionEvents;
  close(): Promise<void>;
}

export function createRuntime(config: WorkerConfig, log: Logger): Runtime {
  configureVideo({
    ffmpegPath: config.FFMPEG_PATH,
    ffprobePath: config.FFPROBE_PATH,
    ffmpegConcurrency: config.VIDEO_FFMPEG_CONCURRENCY,
    sharpConcurrency: config.VIDEO_SHARP_CONCURRENCY,
  });
  const db = createDb({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, applicationName: 'claude-scope-worker' });
  const storage = storageFromConfig(config);
  const publisher = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  publisher.on('error', (err) => log.debug({ err }, 'redis publisher error'));
  const browser = new BrowserManager({
    executablePath: config.CHROMIUM_PATH,
    noSandbox: config.CHROMIUM_NO_SANDBOX,
    maxPages: config.PLAYWRIGHT_MAX_PAGES,
    log,
  });
  const channel = sessionEventsChannel(config.QUEUE_PREFIX);
  const subscriber = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  subscriber.on('error', (err) => log.debug({ err }, 'redis subscriber error'));
  const sessionEvents = new SessionEvents(subscriber, channel, log);
  const ocr = createOcr({ concurrency: config.VISION_OCR_CONCURRENCY });
  return {
    config,
    log,
    db,
    storage,
    browser,
    io: new Semaphore(4),
    ocr,
    metrics: new WorkerMetrics(),
    activity: { lastAt: Date.now(), active: 0 },
    sessionEvents,
    async publishSessionEvent(sessionId) {
      await publisher.publish(channel, sessionId).catch((err: unknown) => log.warn({ err, sessionId }, 'could not publish session event'));
    },
    async close() {
      await browser.close();
      await ocr.close();
      publisher.disconnect();
      sessionEvents.close();
      storage.destroy();
      await closeDb(db);
    },
  };
}
