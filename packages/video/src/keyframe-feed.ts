import type { ChangeDetector } from './detector/index.js';
import type { FullFrameFile } from './ffmpeg/decode.js';
import type { FrameFiles } from './frame-files.js';
import type { KeyframeWriter } from './keyframes.js';

/**
 * Between the detector and the full-resolution frames of the decode pass (which may be only every
 * few frames): keeps the files of frames that may still show a state yet to be found, hands each state the latest kept
 * frame that shows its state as soon as the state is found, and deletes every other file.
 */
export class KeyframeFeed {
  /** Frame time → its file, in time order. */
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
      const state = d.found[this.handed]!;
      let pick: number | null = null;
      for (const t of this.keep.keys()) if (t >= state.fromMs && t <= state.timestampMs) pick = t;
      if (pick === null) continue; // the writer's collect() falls back to a second pass
      this.writer.add(state.timestampMs, pick, this.keep.get(pick)!);
      this.keep.delete(pick);
    }
    const from = final ? Infinity : d.keepFromMs();
    for (const [t, frame] of this.keep) {
      if (t >= from) continue;
      this.keep.delete(t);
      this.files.drop(frame);
    }
  }
}
