/** Exit codes, documented in --help and the README: scripts branch on them. */
export const EXIT = {
  OK: 0,
  /** A bug or an answer we did not expect. */
  ERROR: 1,
  /** Bad arguments or options. */
  USAGE: 2,
  /** No token, or the API refused it (401), or it lacks the scope (403). */
  AUTH: 3,
  /** The session (or frame) does not exist or belongs to another account (404). */
  NOT_FOUND: 4,
  /** The recording was accepted but could not be processed (session status error, 422). */
  PROCESSING_FAILED: 5,
  /** The API could not be reached, or answered 5xx/429 (try again later). */
  NETWORK: 6,
} as const;

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const usage = (message: string) => new CliError(EXIT.USAGE, message);

/** The exit code for an API answer that is not a success. */
export function exitCodeFor(status: number): number {
  if (status === 401 || status === 403) return EXIT.AUTH;
  if (status === 404) return EXIT.NOT_FOUND;
  if (status === 422) return EXIT.PROCESSING_FAILED;
  if (status === 429 || status >= 500) return EXIT.NETWORK;
  if (status >= 400) return EXIT.USAGE;
  return EXIT.ERROR;
}
