import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FullFrameFile } from './ffmpeg/decode.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The directory ffmpeg writes full-resolution frames into during the decode pass. Frames that will
 * not be keyframes are deleted as soon as the detector lets go of them, so only a handful exist at
 * any time; keyframes are read once and deleted too.
 */
export class FrameFiles {
  /** Frames to delete that ffmpeg may not have written yet (tried again on the next flush). */
  private doomed: string[] = [];
  private flushing: Promise<void> | null = null;
  private ended = false;

  private constructor(readonly dir: string) {}

  static async create(parent: string): Promise<FrameFiles> {
    return new FrameFiles(await mkdtemp(join(parent, '.frames-')));
  }

  drop(f: FullFrameFile): void {
    this.doomed.push(f.path);
    this.flushing ??= this.flush().finally(() => (this.flushing = null));
  }

  /** ffmpeg has exited: no file will appear or grow any more. */
  end(): void {
    this.ended = true;
  }

  /** The frame's bytes once ffmpeg has written all of them (the file is deleted), or null if it never did. */
  async read(f: FullFrameFile): Promise<Uint8Array | null> {
    for (;;) {
      const ended = this.ended; // sampled before the stat, so a final stat after the end is always made
      const size = (await stat(f.path).catch(() => null))?.size ?? -1;
      if (size >= f.bytes) break;
      if (ended) return null;
      await sleep(5);
    }
    const data = await readFile(f.path);
    await unlink(f.path).catch(() => {});
    return data;
  }

  async close(): Promise<void> {
    this.end();
    await this.flushing;
    await rm(this.dir, { recursive: true, force: true });
  }

  private async flush(): Promise<void> {
    while (this.doomed.length > 0) {
      const batch = this.doomed.splice(0);
      const missed = await Promise.all(batch.map((p) => unlink(p).then(() => null, () => p)));
      // Not written yet: ffmpeg is a frame or two ahead of us at most, so a later flush gets it.
      const again = missed.filter((p): p is string => p !== null);
      if (again.length === batch.length) {
        if (!this.ended) this.doomed.push(...again);
        return;
      }
      this.doomed.push(...again);
    }
  }
}
