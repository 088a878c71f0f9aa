import http from 'node:http';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';

export interface HealthState {
  workers: Worker[];
  redis: Redis;
  /** Job heartbeat: last start, progress or end, and jobs in flight. */
  activity: { lastAt: number; active: number };
  /** Jobs in flight with no heartbeat for this long mean the worker is wedged. */
  wedgedAfterMs: number;
  registry: Registry;
}

/**
 * GET /metrics: this worker's Prometheus metrics.
 * GET /health: 200 while Redis answers and the workers run; 503 otherwise, so an orchestrator restarts a
 * wedged worker (jobs in flight but no heartbeat). The body says why and how long since the last activity.
 */
export function startHealthServer(port: number, state: HealthState): http.Server {
  const server = http.createServer(async (req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': state.registry.contentType });
      res.end(await state.registry.metrics());
      return;
    }
    if (req.url !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404,"error":"Not Found","message":"not found"}');
      return;
    }
    const redisOk = await Promise.race([
      state.redis.ping().then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 1_000).unref()),
    ]);
    const running = state.workers.every((w) => w.isRunning());
    const silentMs = Date.now() - state.activity.lastAt;
    const wedged = state.activity.active > 0 && silentMs > state.wedgedAfterMs;
    const healthy = redisOk && running && !wedged;
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: healthy ? 'ok' : 'unhealthy',
        redis: redisOk ? 'ok' : 'down',
        workers: state.workers.map((w) => ({ queue: w.name, running: w.isRunning(), concurrency: w.concurrency })),
        jobsInFlight: state.activity.active,
        secondsSinceActivity: Math.round(silentMs / 1000),
        ...(wedged ? { wedged: true } : {}),
      }),
    );
  });
  server.listen(port, '0.0.0.0');
  return server;
}
