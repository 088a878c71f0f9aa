import type { ChangeDetector } from './detector/index.js';
import type { FullFrameFile } from './ffmpeg/decode.js';
import type { FrameFiles } from './frame-files.js';
import type { KeyframeWriter } from './keyframes.js';

/**
 * Between the detector and the full-resolution frames of the decode pass: keeps the files of frames
 * that may still become keyframes (the detector names them, a few at a time), hands each keyframe's
 * file to the writer as soon as it is picked, and deletes every other file.
 */
export class KeyframeFeed {
  private readonly keep = new Map<number, FullFrameFile>();
  private handed = 0;

  constructor(
    private readonly writer: KeyframeWriter,
    private readonly files: FrameFiles,
  ) {}

  /** Before pushing the frame at `t` into the detector. */
  offer(t: number, full: FullFrameFile | undefined): void {
    if (full) this.keep.set(t, full);
  }

  /** After a push, or (`final`) after finish(). */
  update(d: ChangeDetector, final = false): void {
    for (; this.handed < d.found.length; this.handed++) {
      const t = d.found[this.handed]!.timestampMs;
      const frame = this.keep.get(t);
      this.keep.delete(t);
      if (frame) this.writer.add(t, frame); // else the writer's collect() falls back to a second pass
    }
    const pending = new Set(final ? [] : d.pendingFrames());
    for (const [t, frame] of this.keep) {
      if (pending.has(t)) continue;
      this.keep.delete(t);
      this.files.drop(frame);
    }
  }
}
