import { Semaphore } from '@claude-scope/video/limits';

/**
 * At most `size` workers, each doing one job at a time; jobs beyond that wait in FIFO order (the
 * code base's one Semaphore). Workers are created on first need and reused; one whose job threw is
 * ended rather than trusted again.
 */
export class WorkerPool<W> {
  private readonly slots: Semaphore;
  private readonly idle: W[] = [];
  private alive = 0;
  private running = 0;
  private peakRunning = 0;
  private waiting = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly create: () => Promise<W>,
    private readonly destroy: (w: W) => Promise<void>,
  ) {
    this.slots = new Semaphore(size);
  }

  async use<T>(job: (w: W) => Promise<T>): Promise<T> {
    this.waiting++;
    let started = false;
    try {
      return await this.slots.use(async () => {
        this.waiting--;
        started = true;
        if (this.closed) throw new Error('OCR is closed');
        const worker = this.idle.pop() ?? (await this.spawn());
        this.running++;
        this.peakRunning = Math.max(this.peakRunning, this.running);
        let ok = false;
        try {
          const result = await job(worker);
          ok = true;
          return result;
        } finally {
          this.running--;
          if (ok && !this.closed) this.idle.push(worker);
          else await this.retire(worker);
        }
      });
    } finally {
      if (!started) this.waiting--;
    }
  }

  stats() {
    return { workers: this.alive, running: this.running, peakRunning: this.peakRunning, queued: this.waiting };
  }

  /** Ends idle workers now; busy ones end when their job does. Jobs not yet started reject. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((w) => this.retire(w)));
  }

  private async spawn(): Promise<W> {
    this.alive++;
    try {
      return await this.create();
    } catch (err) {
      this.alive--;
      throw err;
    }
  }

  private async retire(w: W): Promise<void> {
    this.alive--;
    await this.destroy(w).catch(() => {});
  }
}
