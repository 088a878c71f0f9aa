import { STATUS_CODES } from 'node:http';
import type { ErrorBody } from '@claude-scope/contracts';

/** An error that becomes the contract's `{statusCode, error, message}` body as it is. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const errorBody = (statusCode: number, message: string): ErrorBody => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Error',
  message,
});

export const notFound = (what = 'Session') => new HttpError(404, `${what} not found`);
export const unauthorized = (message = 'Unauthorized') => new HttpError(401, message);

const DEPENDENCY_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * Which dependency (if any) an error says is down: Postgres connection failures and shutdowns, Redis
 * connection errors, S3 network errors. These become 503 with Retry-After, never 500.
 */
export function downDependency(err: unknown): 'postgres' | 'redis' | 's3' | undefined {
  const e = err as { code?: string; name?: string; message?: string; cause?: unknown; $metadata?: unknown } | null;
  if (!e || typeof e !== 'object') return undefined;
  const msg = String(e.message ?? '');
  const code = String(e.code ?? '');
  if (e instanceof DependencyDownError) return e.dependency;
  if (/^(08|57P0)/.test(code) || /timeout exceeded when trying to connect|Connection terminated/.test(msg)) return 'postgres';
  if (e.name === 'MaxRetriesPerRequestError' || /Connection is closed|Stream isn't writeable/.test(msg)) return 'redis';
  if (e.$metadata !== undefined && (DEPENDENCY_CODES.has(code) || e.name === 'TimeoutError')) return 's3';
  if (DEPENDENCY_CODES.has(code)) {
    if (/\b6379\b|redis/i.test(msg)) return 'redis';
    return 'postgres';
  }
  return e.cause ? downDependency(e.cause) : undefined;
}

export class DependencyDownError extends Error {
  constructor(readonly dependency: 'postgres' | 'redis' | 's3', cause?: unknown) {
    super(`${dependency} is unavailable`, { cause });
  }
}
