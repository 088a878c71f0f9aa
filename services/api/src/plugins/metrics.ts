import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { errorBody } from '../lib/errors.js';

const JOB_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'waiting-children', 'completed', 'failed'] as const;

export const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * GET /metrics in Prometheus text format: HTTP latency by route and status, and BullMQ job counts per
 * queue and state, read from Redis at scrape time (the gauge ops dashboards and KEDA scale on).
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const http = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
      registers: [registry],
    });
    new Gauge({
      name: 'bullmq_job_count',
      help: 'BullMQ jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        await Promise.all(
          app.queues.map(async (q) => {
            const counts = await q.getJobCounts(...JOB_STATES).catch(() => undefined);
            if (!counts) return;
            for (const state of JOB_STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });

    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, never the raw URL: ids must not explode the label set.
      const route = request.routeOptions.url ?? 'unmatched';
      http.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });

    const token = app.config.METRICS_TOKEN;
    app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
      if (token && !safeEqual(request.headers.authorization ?? '', `Bearer ${token}`)) {
        return reply.code(401).send(errorBody(401, 'Unauthorized'));
      }
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics', dependencies: ['queue'] },
);
