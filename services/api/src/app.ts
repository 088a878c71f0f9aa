import Fastify, { type FastifyServerOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import type { ApiConfig } from './config.js';
import { logSerializers, REDACT_PATHS } from './lib/log-serializers.js';
import authPlugin from './plugins/auth.js';
import { frameworkErrors, installErrorHandling } from './plugins/errors.js';
import infraPlugin from './plugins/infra.js';
import multipart from '@fastify/multipart';
import queuePlugin from './plugins/queue.js';
import metricsPlugin from './plugins/metrics.js';
import adminPlugin from './plugins/admin.js';
import uploadQuotaPlugin from './plugins/upload-quota.js';
import { fallbackRateLimitStore } from './lib/rate-limit-store.js';
import swaggerPlugin from './plugins/swagger.js';
import { installValidation } from './plugins/validation.js';
import authRoutes from './routes/auth/index.js';
import healthRoutes from './routes/health/index.js';
import recordingRoutes from './routes/recordings/index.js';
import sessionRoutes from './routes/sessions/index.js';
import promptRoutes from './routes/sessions/prompt.js';
import frameImageRoutes from './routes/sessions/frame-image.js';
import thumbnailRoutes from './routes/sessions/thumbnail.js';
import stepsRoutes from './routes/sessions/steps.js';
import timelineRoutes from './routes/sessions/timeline.js';
import playbackRoutes from './routes/sessions/playback.js';
import settingsRoutes from './routes/settings/index.js';
import tokenRoutes from './routes/tokens/index.js';
import mcpRoutes from './routes/mcp/index.js';

export interface BuildOptions {
  config: ApiConfig;
  logger?: FastifyServerOptions['logger'];
  /** Namespace for Redis keys (rate limits), so parallel test apps never share counters. */
  redisNamespace?: string;
}

/** Structured logs; credentials, query parameters and secrets in messages never reach them. */
export function loggerOptions(config: ApiConfig): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: logSerializers,
  };
}

/** The app factory: everything but listening (see server.ts), so tests can build it and use inject. */
export async function buildApp(opts: BuildOptions) {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  installValidation(app);
  installErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(infraPlugin, { config });
  await app.register(rateLimit, {
    global: false,
    // Counted in Redis, and in this process while Redis is down: limits never vanish (lib/rate-limit-store.ts).
    store: fallbackRateLimitStore(app.redis, `${opts.redisNamespace ?? 'claude-scope'}:rate-limit:`, app.log),
  });
  await app.register(uploadQuotaPlugin);
  await app.register(queuePlugin);
  await app.register(metricsPlugin);
  await app.register(adminPlugin);
  // Limits are set per request by the recordings route; the file is always consumed as a stream.
  await app.register(multipart, { throwFileSizeLimit: true });
  await app.register(swaggerPlugin);
  await app.register(authPlugin);

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(sessionRoutes, { prefix: '/api/sessions' });
  await app.register(promptRoutes, { prefix: '/api/sessions' });
  await app.register(frameImageRoutes, { prefix: '/api/sessions' });
  await app.register(thumbnailRoutes, { prefix: '/api/sessions' });
  await app.register(stepsRoutes, { prefix: '/api/sessions' });
  await app.register(timelineRoutes, { prefix: '/api/sessions' });
  await app.register(playbackRoutes, { prefix: '/api/sessions' });
  await app.register(recordingRoutes, { prefix: '/api/recordings' });
  await app.register(settingsRoutes, { prefix: '/api/settings' });
  await app.register(tokenRoutes, { prefix: '/api/tokens' });
  await app.register(mcpRoutes);
  // The built web app at / (after the API routes).
  await app.register(import('./plugins/web.js'), config.WEB_DIST_DIR ? { root: config.WEB_DIST_DIR } : {});
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
