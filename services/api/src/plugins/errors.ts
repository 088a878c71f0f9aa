import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { downDependency, errorBody, HttpError } from '../lib/errors.js';
import { withoutQuery } from '../lib/query-error.js';

const RETRY_AFTER_S = '5';

/**
 * Every error leaves as `{statusCode, error, message}`; a 500 never carries internals, and what is logged
 * of an error never carries a query's SQL or parameters (see lib/query-error.ts).
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      reply.headers(err.headers);
      return reply.code(err.statusCode).send({ ...errorBody(err.statusCode, err.message), ...err.extra });
    }
    const down = downDependency(err);
    if (down) {
      request.log.warn({ err: withoutQuery(err), dependency: down }, 'dependency unavailable');
      reply.header('retry-after', RETRY_AFTER_S);
      return reply.code(503).send(errorBody(503, `Service temporarily unavailable (${down}); retry shortly`));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(status, err.message));
    }
    request.log.error({ err: withoutQuery(err) }, 'unhandled error');
    return reply.code(500).send(errorBody(500, 'Internal Server Error'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody(404, `Route ${request.method} ${request.url.split('?')[0]} not found`));
  });
}

/**
 * The router's own refusals (fastify's `frameworkErrors`), in the contract's shape and without echoing the URL:
 * bad percent-encoding, and a path parameter longer than the router's limit (fastify would answer 414 with its
 * own body). Both are a malformed request: 400.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path parameter is too long'
      : err.code === 'FST_ERR_BAD_URL'
        ? 'the URL is not valid (malformed percent-encoding)'
        : 'the request could not be routed';
  reply.code(400).send(errorBody(400, message));
}
