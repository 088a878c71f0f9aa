/**
 * Frame times arrive on stderr (showinfo) and frames on stdout: two pipes, no ordering between them.
 * Frame k waits here until time k has been read, or stderr has ended.
 */
export class TimestampQueue {
  private readonly times: number[] = [];
  private offset = 0;
  private ended = false;
  private wake: (() => void) | null = null;

  push(ms: number): void {
    this.times.push(ms);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  /** Time of frame `k` (frames are taken in order), or undefined if stderr ended without it. */
  async take(k: number): Promise<number | undefined> {
    while (k - this.offset >= this.times.length && !this.ended) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    // Drop what earlier frames consumed so a long decode keeps a short array.
    const i = k - this.offset;
    const t = this.times[i];
    if (i > 1024) {
      this.times.splice(0, i);
      this.offset += i;
    }
    return t;
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
