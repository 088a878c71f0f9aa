import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { sql } from 'drizzle-orm';
import { ErrorBody } from '@claude-scope/contracts';
import { errorBody } from '../../lib/errors.js';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ]);
}

const Ready = Type.Object({
  status: Type.Literal('ok'),
  checks: Type.Object({ postgres: Type.String(), redis: Type.String(), s3: Type.String() }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    { schema: { tags: ['operations'], security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  /** Ready when Postgres, Redis and S3 all answer; a 503 names every part that does not. */
  app.get(
    '/ready',
    { schema: { tags: ['operations'], security: [], response: { 200: Ready, 503: ErrorBody } } },
    async (request, reply) => {
      const checks: Record<string, () => Promise<unknown>> = {
        postgres: async () => app.db.execute(sql`select 1`),
        redis: async () => app.redis.ping(),
        s3: async () => app.storage.ping(AbortSignal.timeout(CHECK_TIMEOUT_MS)),
      };
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await withTimeout(check(), CHECK_TIMEOUT_MS);
            return [name, 'ok'] as const;
          } catch (err) {
            request.log.warn({ err, dependency: name }, 'readiness check failed');
            return [name, 'down'] as const;
          }
        }),
      );
      const failing = results.filter(([, s]) => s !== 'ok').map(([n]) => n);
      if (failing.length) {
        reply.header('retry-after', '5');
        return reply.code(503).send(errorBody(503, `not ready: ${failing.join(', ')} unreachable`));
      }
      return { status: 'ok' as const, checks: Object.fromEntries(results) as { postgres: string; redis: string; s3: string } };
    },
  );
};

export default routes;
