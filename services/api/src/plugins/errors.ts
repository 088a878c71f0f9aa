import type { FastifyError, FastifyInstance } from 'fastify';
import { downDependency, errorBody, HttpError } from '../lib/errors.js';

const RETRY_AFTER_S = '5';

/** Every error leaves as `{statusCode, error, message}`; a 500 never carries internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      reply.headers(err.headers);
      return reply.code(err.statusCode).send({ ...errorBody(err.statusCode, err.message), ...err.extra });
    }
    const down = downDependency(err);
    if (down) {
      request.log.warn({ err, dependency: down }, 'dependency unavailable');
      reply.header('retry-after', RETRY_AFTER_S);
      return reply.code(503).send(errorBody(503, `Service temporarily unavailable (${down}); retry shortly`));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(status, err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody(500, 'Internal Server Error'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody(404, `Route ${request.method} ${request.url.split('?')[0]} not found`));
  });
}
