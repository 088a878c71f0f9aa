import { firstLine } from '../error-text.js';

/**
 * A failure that retrying cannot fix (a corrupt video, a recording over the length limit, a blocked or
 * unreachable seed URL). Its message is shown to the user as the session's lastError, so it is human.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export class JobTimeoutError extends Error {
  override name = 'JobTimeoutError';
}

/** The sentence a user sees for an error: our own messages as they are, anything else generic. */
export function humanMessage(err: unknown, lane: string): string {
  if (err instanceof PermanentJobError || err instanceof JobTimeoutError) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  // Internal errors may carry paths, SQL or hostnames: keep them in logs, not in the product.
  return `${lane} failed after several attempts (${firstLine(msg)})`;
}
