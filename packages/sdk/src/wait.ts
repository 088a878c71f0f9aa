import { ApiError } from './errors.js';
import type { StatusResponse } from './types.js';

/** The contract's polling cadence: every 2–3 s. */
export const POLL_MIN_MS = 2_000;
export const POLL_MAX_MS = 3_000;
export const POLL_DEFAULT_MS = 2_500;
/** A 429/503 asks for a pause; waiting is resumed after it (capped), never given up on. */
const MAX_BACKOFF_MS = 30_000;

export interface WaitOptions {
  /** Between polls, clamped to 2000–3000 ms (default 2500). */
  intervalMs?: number;
  /** Give up after this long with a WaitTimeoutError (default: wait until the session ends). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Each status read, including the last one: for progress display. */
  onStatus?: (status: StatusResponse) => void;
}

export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
  constructor(readonly sessionId: string, readonly last: StatusResponse | null) {
    super(`session ${sessionId} is still processing`);
  }
}

/** Processing is over: the session left `processing`, or its pipeline reached a final stage. */
export function isFinished(status: StatusResponse): boolean {
  const stage = status.processingStatus?.overallStage;
  return status.sessionStatus !== 'processing' || stage === 'complete' || stage === 'error';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Polls `read` at the contract's cadence until the session is finished; returns the final status. */
export async function pollUntilFinished(
  sessionId: string,
  read: () => Promise<StatusResponse>,
  options: WaitOptions = {},
): Promise<StatusResponse> {
  const interval = Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, options.intervalMs ?? POLL_DEFAULT_MS));
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let last: StatusResponse | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    let pause = interval;
    try {
      last = await read();
      options.onStatus?.(last);
      if (isFinished(last)) return last;
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 429 && err.status !== 503)) throw err;
      pause = Math.min(MAX_BACKOFF_MS, Math.max(interval, (err.retryAfter ?? 0) * 1000));
    }
    if (Date.now() + pause > deadline) throw new WaitTimeoutError(sessionId, last);
    await sleep(pause, options.signal);
  }
}
