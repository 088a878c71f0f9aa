import { once } from 'node:events';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { closeDb, createDb, type Database } from '@claude-scope/db';
import { storageFromConfig, type Storage } from '@claude-scope/storage';
import type { ApiConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: ApiConfig;
    db: Database;
    redis: Redis;
    storage: Storage;
  }
}

/** Postgres, Redis and S3 clients, created once per process and closed with the app. */
export default fp<{ config: ApiConfig }>(
  async (app, { config }) => {
    const db = createDb({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, applicationName: 'claude-scope-api' });
    // Commands fail fast while Redis is down (503), and the client keeps reconnecting in the background.
    const redis = new Redis(config.REDIS_URL, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 3_000,
      lazyConnect: false,
    });
    redis.on('error', (err) => app.log.debug({ err }, 'redis connection error'));
    // Commands sent before the first connection would fail (no offline queue): wait for it briefly,
    // but start anyway when Redis is down — /api/ready reports it and routes answer 503.
    await Promise.race([once(redis, 'ready'), new Promise((r) => setTimeout(r, 3_000).unref())]).catch(() => {});
    const storage = storageFromConfig(config);
    app.decorate('config', config);
    app.decorate('db', db);
    app.decorate('redis', redis);
    app.decorate('storage', storage);
    app.addHook('onClose', async () => {
      storage.destroy();
      redis.disconnect();
      await closeDb(db);
    });
  },
  { name: 'infra' },
);
