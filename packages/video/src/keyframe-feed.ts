import type { ChangeDetector } from './detector/index.js';
import type { FullFrameFile } from './ffmpeg/decode.js';
import type { FrameFiles } from './frame-files.js';
import type { KeyframeWriter } from './keyframes.js';

/**
 * Which full-resolution frame shows each state the detector finds (pure: times and handles only). The decode pass
 * may keep only every few frames; each found state gets the latest kept frame inside its settled stretch, and a
 * frame no state can use any more (older than the detector's `keepFromMs`) is let go.
 */
export class KeyframePicks<F> {
  /** Frame time → its handle, in time order. */
  private readonly keep = new Map<number, F>();
  private handed = 0;

  /** Before pushing the frame at `t` into the detector: `frame` when that frame is kept at full resolution. */
  offer(t: number, frame: F | undefined): void {
    if (frame !== undefined) this.keep.set(t, frame);
  }

  /**
   * After a push, or (`final`) after finish(): `pick` for each newly found state that a kept frame shows (a state
   * none shows is skipped: the lane's writer falls back to a second pass), `drop` for each frame let go.
   */
  update(d: Pick<ChangeDetector, 'found' | 'keepFromMs'>, final: boolean, pick: (stateMs: number, t: number, frame: F) => void, drop: (frame: F) => void): void {
    for (; this.handed < d.found.length; this.handed++) {
      const state = d.found[this.handed]!;
      let at: number | null = null;
      for (const t of this.keep.keys()) if (t >= state.fromMs && t <= state.timestampMs) at = t;
      if (at === null) continue;
      pick(state.timestampMs, at, this.keep.get(at)!);
      this.keep.delete(at);
    }
    const from = final ? Infinity : d.keepFromMs();
    for (const [t, frame] of this.keep) {
      if (t >= from) continue;
      this.keep.delete(t);
      drop(frame);
    }
  }
}

/**
 * Between the detector and the full-resolution frames of the decode pass: hands each state its frame's file as soon
 * as the state is found (KeyframePicks), and deletes every other file.
 */
export class KeyframeFeed {
  private readonly picks = new KeyframePicks<FullFrameFile>();

  constructor(
    private readonly writer: KeyframeWriter,
    private readonly files: FrameFiles,
  ) {}

  offer(t: number, full: FullFrameFile | undefined): void {
    this.picks.offer(t, full);
  }

  private readonly pick = (stateMs: number, t: number, frame: FullFrameFile) => this.writer.add(stateMs, t, frame);
  private readonly drop = (frame: FullFrameFile) => this.files.drop(frame);

  update(d: ChangeDetector, final = false): void {
    this.picks.update(d, final, this.pick, this.drop);
  }
}
