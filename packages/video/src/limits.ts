/**
 * A counting semaphore: at most `limit` holders at a time, the rest wait in FIFO order. The one semaphore of
 * the code base: the worker bounds its S3 transfers and browser contexts with it too, importing it from
 * `@claude-scope/video/limits` (that path loads neither sharp nor ffmpeg code).
 */
export class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private limit: number) {
    this.setLimit(limit);
  }

  setLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
    this.limit = limit;
    this.drain();
  }

  /** Runs `fn` once a slot is free; waiting ends early (with the abort reason) when `signal` aborts. */
  async use<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.active--;
      this.drain();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const i = this.queue.indexOf(grant);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(grant);
    });
  }

  private drain(): void {
    while (this.active < this.limit && this.queue.length > 0) this.queue.shift()!();
  }
}

/** Process-wide bounds: ffmpeg children and sharp jobs (both CPU-heavy); 2 each until configured. */
export const limits = {
  ffmpeg: new Semaphore(2),
  sharp: new Semaphore(2),
};
