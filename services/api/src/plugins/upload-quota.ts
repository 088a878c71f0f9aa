import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { countProcessingUploads, insertWithinProcessingLimit, ProcessingLimitError, type Database } from '@claude-scope/db';
import { HttpError } from '../lib/errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    uploadQuota: {
      /**
       * preHandler of POST /recordings: refuses (429 + Retry-After) an account over its hourly upload rate or
       * with MAX_PROCESSING_PER_ACCOUNT uploads processing, before a byte of the body is read.
       */
      check(request: FastifyRequest, reply: FastifyReply): Promise<void>;
      /**
       * Wraps the upload's session insert so that it happens only under the processing limit, counted and
       * inserted as one step (two uploads racing at the limit cannot both pass the check above and both insert);
       * over it, a 429 the route's cleanup path turns into "nothing stored".
       */
      insert<T>(request: FastifyRequest, insert: (db: Database) => Promise<T>): Promise<T>;
    };
  }
}

const HOUR_MS = 3_600_000;
/** Processing takes tens of seconds to a few minutes: when a slot frees up is unknown, so ask again soon. */
const PROCESSING_RETRY_AFTER_S = 30;

const tooMany = (message: string, retryAfterS: number) =>
  // The body the client is still sending is not read: close rather than drain it.
  new HttpError(429, message, {}, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterS))), connection: 'close' });

/**
 * Per-account upload limits (API.md, "Limits (ext)"): UPLOAD_RATE_LIMIT uploads per hour, counted in Redis by
 * account (through @fastify/rate-limit's store: in this process while Redis is down), and
 * MAX_PROCESSING_PER_ACCOUNT uploads processing at once, counted in Postgres. An upload counts against the
 * hourly rate once it passes both checks, whatever its outcome; a refused one does not.
 */
export default fp(
  async (app) => {
    const { UPLOAD_RATE_LIMIT: perHour, MAX_PROCESSING_PER_ACCOUNT: maxProcessing } = app.config;
    const hourly = app.createRateLimit({ max: perHour, timeWindow: HOUR_MS, keyGenerator: (req) => `uploads:${req.userId}` });
    const overRate = (retryAfterS: number) => tooMany(`upload rate limit reached: at most ${perHour} uploads per hour; retry later`, retryAfterS);
    const overProcessing = () =>
      tooMany(`${maxProcessing} of your recordings are already processing (the limit); retry when one has finished`, PROCESSING_RETRY_AFTER_S);

    app.decorate('uploadQuota', {
      async check(request: FastifyRequest) {
        // Read first, so an account hammering at its hourly limit costs no Postgres query.
        const seen = await hourly(request, { increment: false });
        if (!seen.isAllowed && seen.remaining <= 0) throw overRate(seen.ttlInSeconds);
        if ((await countProcessingUploads(app.db, request.userId)) >= maxProcessing) throw overProcessing();
        const counted = await hourly(request);
        if (!counted.isAllowed && counted.isExceeded) throw overRate(counted.ttlInSeconds);
      },
      async insert<T>(request: FastifyRequest, insert: (db: Database) => Promise<T>): Promise<T> {
        try {
          return await insertWithinProcessingLimit(app.db, request.userId, maxProcessing, insert);
        } catch (err) {
          if (err instanceof ProcessingLimitError) {
            request.log.info({ processing: err.processing, max: err.max }, 'upload refused at insert: processing limit reached by a concurrent upload');
            throw overProcessing();
          }
          throw err;
        }
      },
    });
  },
  { name: 'upload-quota', dependencies: ['infra', '@fastify/rate-limit'] },
);
