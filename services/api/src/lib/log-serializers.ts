import type { FastifyError } from 'fastify';
import { loggableError, maskSecretText } from '@claude-scope/secrets';

/**
 * The API's pino serializers: errors without an ORM query's parameters and with secrets masked (loggableError),
 * and requests as fastify logs them but with secrets in the URL's query masked (`?token=…`, `?code=…`).
 */
export const logSerializers = {
  err: (err: FastifyError) => loggableError(err) as { type: string; message: string; stack: string },
  // Typed loosely: fastify hands its request (with `ip` and `host`), its types say the raw request.
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: maskSecretText(req.url ?? ''),
    version: req.headers?.['accept-version'] as string | undefined,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

interface LoggedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/**
 * Paths pino replaces wherever they appear in a log record: credentials never reach the logs. `*.headers`: not
 * only the request serializer's — @fastify/multipart logs its busboy options, request headers included, at trace
 * level.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.passwordHash',
  '*.password_hash',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.secret',
  '*.apiKey',
];
