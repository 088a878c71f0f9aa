import type { ChangeDetector, TypedPeek } from './detector/index.js';
import type { FullFrameFile } from './ffmpeg/decode.js';
import type { FrameFiles } from './frame-files.js';
import type { KeyframeWriter } from './keyframes.js';

/** For a caller keeping every other frame at 10 fps: the frame kept just before the caret's last step, too. */
const TYPED_LOOKBACK_MS = 250;

/**
 * Which full-resolution frame shows each state the detector finds (pure: times and handles only). The decode pass
 * may keep only every few frames; each found state gets the latest kept frame inside its settled stretch, and a
 * frame no state can use any more (older than the detector's `keepFromMs`) is let go.
 */
export class KeyframePicks<F> {
  /** Frame time → its handle, in time order. */
  private readonly keep = new Map<number, F>();
  /** Frames older than keepFromMs that may still show what was typed before the next state (see typedWindow). */
  private readonly aside = new Map<number, F>();
  private handed = 0;

  /** Before pushing the frame at `t` into the detector: `frame` when that frame is kept at full resolution. */
  offer(t: number, frame: F | undefined): void {
    if (frame !== undefined) this.keep.set(t, frame);
  }

  /**
   * After a push, or (`final`) after finish(): `pick` for each newly found state that a kept frame shows (a state
   * none shows is skipped: the lane's writer falls back to a second pass), `pickTyped` for each that has text typed
   * before it which no state shows (UiState.typed; `whole`: the frame is from after the last character, else from
   * just before it), `drop` for each frame let go.
   */
  update(
    d: Pick<ChangeDetector, 'found' | 'keepFromMs' | 'typedWindow'>,
    final: boolean,
    pick: (stateMs: number, t: number, frame: F) => void,
    drop: (frame: F) => void,
    pickTyped?: (stateMs: number, t: number, frame: F, whole: boolean) => void,
  ): void {
    for (; this.handed < d.found.length; this.handed++) {
      const state = d.found[this.handed]!;
      if (state.typed && pickTyped) this.pickTyped(state.timestampMs, state.typed, pickTyped);
      let at: number | null = null;
      for (const t of this.keep.keys()) if (t >= state.fromMs && t <= state.timestampMs) at = t;
      if (at === null) continue;
      pick(state.timestampMs, at, this.keep.get(at)!);
      this.keep.delete(at);
    }
    const from = final ? Infinity : d.keepFromMs();
    const w = final ? null : d.typedWindow();
    const wanted = (t: number) => w !== null && t >= w.fromMs - TYPED_LOOKBACK_MS && t <= w.untilMs;
    for (const [t, frame] of this.keep) {
      if (t >= from) continue;
      this.keep.delete(t);
      if (wanted(t)) this.aside.set(t, frame);
      else drop(frame);
    }
    for (const [t, frame] of this.aside) {
      if (wanted(t)) continue;
      this.aside.delete(t);
      drop(frame);
    }
  }

  /** The latest kept frame showing the typed text whole, else the latest from just before the last character. */
  private pickTyped(stateMs: number, typed: TypedPeek, pickTyped: (stateMs: number, t: number, frame: F, whole: boolean) => void): void {
    let whole: number | null = null;
    let before: number | null = null;
    for (const src of [this.aside, this.keep]) {
      for (const t of src.keys()) {
        if (t >= typed.fromMs && t <= typed.untilMs) whole = Math.max(whole ?? t, t);
        else if (t < typed.fromMs && t >= typed.fromMs - TYPED_LOOKBACK_MS) before = Math.max(before ?? t, t);
      }
    }
    const t = whole ?? before;
    if (t === null) return;
    const src = this.aside.has(t) ? this.aside : this.keep;
    pickTyped(stateMs, t, src.get(t)!, whole !== null);
    src.delete(t);
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
  private readonly pickTyped = (stateMs: number, t: number, frame: FullFrameFile, whole: boolean) => this.writer.addTyped(stateMs, t, frame, whole);

  update(d: ChangeDetector, final = false): void {
    this.picks.update(d, final, this.pick, this.drop, this.pickTyped);
  }
}
