import type { ErrorBody } from '@claude-scope/contracts';

/** An API error with the server's human-readable message (API.md: every error has that shape). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly sessionId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Builds an ApiError from a response body that may or may not be the API's JSON error. */
export function toApiError(status: number, body: unknown): ApiError {
  const b = body as Partial<ErrorBody> | null;
  if (b && typeof b.message === 'string') return new ApiError(status, b.message, b.sessionId);
  if (status === 0) return new ApiError(0, 'Could not reach the server. Check your connection and try again.');
  return new ApiError(status, `Request failed (${status})`);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
