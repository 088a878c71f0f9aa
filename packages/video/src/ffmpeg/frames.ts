/**
 * Cuts a byte stream of raw video into frames of `size` bytes, each in a fresh buffer, or with
 * `reuse` all in one buffer that the next frame overwrites once `done` has settled (a 60 s 720p
 * analysis otherwise allocates ~80 MB of frames the detector copies anyway, and V8 collects them).
 */
export class FrameAssembler {
  private frame: Uint8Array;
  private filled = 0;

  constructor(
    private readonly size: number,
    private readonly reuse = false,
  ) {
    this.frame = new Uint8Array(size);
  }

  /** Calls `done` for every frame completed by `chunk`, awaiting it (so a slow consumer pauses the pipe). */
  async push(chunk: Uint8Array, done: (frame: Uint8Array) => void | Promise<void>): Promise<void> {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(this.size - this.filled, chunk.length - at);
      this.frame.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === this.size) {
        const full = this.frame;
        if (!this.reuse) this.frame = new Uint8Array(this.size);
        this.filled = 0;
        await done(full);
      }
    }
  }
}
