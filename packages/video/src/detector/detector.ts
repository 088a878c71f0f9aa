import { ActivityMonitor } from './activity.js';
import { AwayWatch } from './away.js';
import { sameBox } from './box.js';
import { StateComparer } from './compare.js';
import type { Footprint } from './footprint.js';
import { Grid } from './grid.js';
import { HoverLayers, isShade } from './hover.js';
import { pointerShaped } from './mover-pixels.js';
import { MoverTracker } from './movers.js';
import { resolveOptions, type DetectorOptions, type ResolvedOptions } from './options.js';
import { capStates, type UiState } from './states.js';
import { TypingWatch } from './typing.js';

/** The pointer at one moment: where its box's centre was. */
export interface PointerSample {
  t: number;
  x: number;
  y: number;
}
/** A 30-minute recording's pointer moving in every frame at 10 fps stays under this. */
const MAX_POINTER_SAMPLES = 20_000;
/** A state on screen for less than this is no step (the ground-truth rule: README, "What counts as a step"). */
const MIN_STEP_MS = 200;

/** A tiny change waiting to prove it stays (a caret blink goes away again, a typed character does not). */
interface Provisional {
  t: number;
  fromMs: number;
  frame: Uint8Array;
  /** Pixels that differ from the emitted state. */
  pixels: Int32Array;
  score: number;
  cursors: Footprint[];
}

/** A `pointer?` frame at `t`, and the quiet-stretch state just before it (to go back to once it is proven). */
interface Doubt {
  t: number;
  proven: boolean;
  lastActivityMs: number;
  quietFromMs: number | null;
  evaluated: boolean;
}

/**
 * Streaming keyframe detector: push() downscaled gray frames in time order, then finish() returns the
 * distinct UI states, each at the frame where that state had settled.
 *
 * A state has settled when nothing but cursor motion changed for `settleMs`. It is then compared with
 * the last emitted state (never the previous frame), so transitions that return to where they started
 * emit nothing and a fade emits once, at its end.
 */
export class ChangeDetector {
  private readonly o: ResolvedOptions;
  private readonly grid: Grid;
  private readonly movers: MoverTracker;
  private readonly comparer: StateComparer;
  private readonly hover: HoverLayers;
  private activity: ActivityMonitor | null = null;
  private prev: Uint8Array | null = null;
  private prevT = -Infinity;
  private emitted: Uint8Array | null = null;
  /** Cursor places in the emitted frame: a pointer leaving them is no UI change. */
  private emittedCursors: Footprint[] = [];
  /** Cursor places in the previous frame (the tracker has moved on to the current one). */
  private prevCursors: Footprint[] = [];
  private readonly states: UiState[] = [];
  private readonly pointerTrack: PointerSample[] = [];
  private lastActivityMs = -Infinity;
  /** First pushed frame showing the current state: the last active frame, or the first after an event. */
  private quietFromMs: number | null = null;
  private evaluated = true;
  /** Time of the first frame while state 0 has not settled yet (null after). */
  private opening: number | null = null;
  private nextCandidate = 0;
  private pendingCandidates: number[] = [];
  private provisional: Provisional | null = null;
  /** Frames of activity that may prove to be the pointer, each with the state before it, in time order. */
  private doubts: Doubt[] = [];
  /** A frame buffer no longer referenced, for the next push (one copy per frame, no allocation). */
  private spare: Uint8Array | null = null;
  /** Per pixel: when a tiny change there last went away again (carets blink; characters stay). */
  private readonly blinkAt: Float64Array;
  private readonly blinkMemoryMs: number;
  private result: UiState[] | null = null;
  private readonly typing = new TypingWatch();
  private readonly away: AwayWatch;

  constructor(options: DetectorOptions) {
    this.o = resolveOptions(options);
    this.grid = new Grid(this.o.width, this.o.height, this.o.blockSize);
    this.movers = new MoverTracker({
      width: this.o.width,
      height: this.o.height,
      threshold: this.o.pixelThreshold,
      minPixels: this.o.minBlockPixels,
      maxPx: this.o.cursorMaxPx,
      padPx: this.o.cursorPadPx,
      gapMs: this.o.moverGapMs,
    });
    this.comparer = new StateComparer(this.o, this.grid);
    this.hover = new HoverLayers(this.o.width, this.o.pixelThreshold, this.o.cursorMaxPx);
    this.blinkAt = new Float64Array(this.o.width * this.o.height).fill(-Infinity);
    this.blinkMemoryMs = Math.max(3000, 3 * this.o.transientMs);
    // An untracked pointer's sprite spans at most this many blocks (one more where it straddles a block's edge).
    this.away = new AwayWatch(this.grid, MIN_STEP_MS, this.o.tinyMaxBlocks, Math.ceil(this.o.cursorMaxPx / this.o.blockSize) + 1);
  }

  /** Feeds one frame (width×height gray bytes; copied) shown from `timestampMs` on. */
  push(frame: Uint8Array, timestampMs: number): void {
    if (this.result) throw new Error('push() after finish()');
    if (frame.length !== this.o.width * this.o.height) {
      throw new RangeError(`frame has ${frame.length} bytes, expected ${this.o.width}x${this.o.height}`);
    }
    if (!Number.isFinite(timestampMs) || timestampMs <= this.prevT) {
      throw new RangeError(`timestamps must increase: ${timestampMs} after ${this.prevT}`);
    }
    const cur = this.spare ?? new Uint8Array(frame.length);
    this.spare = null;
    cur.set(frame);
    if (!this.prev || !this.activity) return this.start(cur, timestampMs);

    this.prevCursors = this.movers.resting();
    const { activity, proven, typing, typedAt, widest } = this.activity.observe(this.prev, cur, timestampMs);
    this.typing.note(activity, typing, typedAt, timestampMs);
    this.trackPointer(timestampMs);
    this.checkProvisional(cur, timestampMs);
    this.settleDoubts(proven, timestampMs);
    // A user event opens a quiet window of its own, like a change would.
    const cands = this.o.candidatesMs;
    while (this.nextCandidate < cands.length && cands[this.nextCandidate]! <= timestampMs) {
      const c = cands[this.nextCandidate++]!;
      // The page answered the last event and a frame showed that answer unchanged: the user acted on it, a state
      // before settleMs of quiet have passed (a stepper clicked every 270 ms).
      const answered = (this.pendingCandidates.at(-1) ?? Infinity) < this.lastActivityMs && this.prevT > this.lastActivityMs;
      this.closeQuiet(c, answered ? 0 : this.o.settleMs);
      if (this.opening !== null) this.takeOpening(); // the user acted on what the opening showed
      this.doubts = []; // the event's own quiet window starts here, whatever the pointer did before
      this.lastActivityMs = Math.max(this.lastActivityMs, c);
      this.evaluated = false;
      this.pendingCandidates.push(c);
      this.quietFromMs = null; // the state answering the event is in frames after it
    }
    if (activity !== 'quiet') {
      this.closeQuiet(timestampMs);
      if (activity === 'active') this.doubts = [];
      else this.doubts.push({ t: timestampMs, proven: false, lastActivityMs: this.lastActivityMs, quietFromMs: this.quietFromMs, evaluated: this.evaluated });
      this.lastActivityMs = timestampMs;
      this.evaluated = false;
      this.quietFromMs = timestampMs; // quiet frames after it will show what it shows
    } else {
      this.quietFromMs ??= timestampMs;
      if (!this.evaluated && timestampMs - this.lastActivityMs >= this.o.settleMs) this.evaluate(cur, timestampMs, false);
    }
    // While no state has settled: is the screen away from the last one (by more than a pointer), and how long? Only a
    // frame that changed by more than a pointer can start or end that: the others show what the frame before did.
    if (this.away.spans(widest) && !this.evaluated && this.opening === null) {
      const resting = this.movers.resting();
      const [cursors, hover, emitted] = [this.cursorFootprints(resting), this.hoverFor(resting), this.emitted!];
      this.away.observe(timestampMs, this.comparer.diff(cur, emitted, cursors, hover), (region) => {
        return !isShade(this.comparer.shifts(cur, emitted, region, cursors, hover));
      });
    }
    const old = this.prev;
    this.prev = cur;
    this.prevT = timestampMs;
    // The previous frame's buffer takes the next frame, unless it became the emitted or pending state.
    if (old !== this.emitted && old !== this.provisional?.frame) this.spare = old;
  }

  /** Width of the frames this detector reads (pixels). */
  get width(): number {
    return this.o.width;
  }

  /** Where the pointer went (its box's centre, in this detector's pixels), one sample per frame it moved in. */
  get pointer(): readonly PointerSample[] {
    return this.pointerTrack;
  }

  /**
   * `pointer?` frames (new small blobs: perhaps the pointer re-acquired) count as activity until the
   * tracker proves them cursor motion. Once the latest of them are proven, the quiet stretch goes on
   * as it was before them; one still unproven (a character typed, a tick) stays activity, and one no
   * move explained within moverGapMs never will be proven.
   */
  private settleDoubts(proven: readonly number[], t: number): void {
    if (this.doubts.length === 0) return;
    for (const d of this.doubts) if (proven.includes(d.t)) d.proven = true;
    let restore: Doubt | null = null;
    while (this.doubts.at(-1)?.proven) restore = this.doubts.pop()!;
    if (restore) {
      this.lastActivityMs = restore.lastActivityMs;
      this.quietFromMs = restore.quietFromMs;
      this.evaluated = restore.evaluated;
    }
    const expired = this.doubts.findLastIndex((d) => !d.proven && t - d.t > this.o.moverGapMs);
    if (expired >= 0) this.doubts.splice(0, expired + 1);
  }

  private trackPointer(t: number): void {
    for (const { t: at, box } of this.movers.pointerMovesAt(t)) {
      if (this.pointerTrack.length >= MAX_POINTER_SAMPLES) return;
      this.pointerTrack.push({ t: at, x: Math.round((box.x0 + box.x1) / 2), y: Math.round((box.y0 + box.y1) / 2) });
    }
  }

  /** Steps found so far, before the cap that finish() applies (which only ever drops some). */
  get found(): readonly UiState[] {
    return this.states;
  }

  /**
   * Pushed frames from this time on may still show a state yet to be found (the state the current
   * quiet stretch settles on, a pending tiny change, the last frame at the end of the stream); earlier
   * ones never will. A caller keeping full-resolution copies of frames can drop those before it.
   */
  keepFromMs(): number {
    if (!this.prev) return Infinity;
    const current = this.evaluated ? this.prevT : Math.min(this.quietFromMs ?? this.prevT, this.prevT);
    // A doubted stretch may still turn out quiet: its state then shows from where it began.
    const first = this.doubts[0];
    const doubted = first && !first.evaluated ? (first.quietFromMs ?? Infinity) : Infinity;
    // While the opening has not settled, its first frame may still become state 0.
    return Math.min(current, doubted, this.provisional?.fromMs ?? Infinity, this.opening ?? Infinity);
  }

  /**
   * Frames in this window may still be asked for as the next state's `typed` frames (see UiState.typed), on top of
   * those from keepFromMs() on: from the caret's last step (and, for a caller keeping every few frames, one frame
   * before it) to the last frame known to show what was typed.
   */
  typedWindow(): { fromMs: number; untilMs: number } | null {
    return this.typing.window();
  }

  /** Ends the stream; returns the states (state 0: the opening screen once settled), capped at maxStates. */
  finish(): UiState[] {
    if (this.result) return this.result;
    if (this.prev) {
      if (!this.evaluated) this.evaluate(this.prev, this.prevT, true, [...this.movers.resting(), ...this.lastNewcomers()]);
      else this.resolveProvisional(this.prev, this.prevT);
    }
    this.result = capStates(this.states, this.o.maxStates);
    return this.result;
  }

  private start(frame: Uint8Array, t: number): void {
    this.prev = frame;
    this.prevT = t;
    this.activity = new ActivityMonitor(this.o, this.grid, this.movers, this.hover, frame);
    // Events at or before the first frame are answered by it.
    const cands = this.o.candidatesMs;
    while (this.nextCandidate < cands.length && cands[this.nextCandidate]! <= t) this.pendingCandidates.push(cands[this.nextCandidate++]!);
    // State 0 is taken once the opening screen settled: the first frame when it stays, else the first
    // settled one (a page still loading behind a skeleton is no state yet).
    this.opening = t;
    this.emitted = frame;
    this.lastActivityMs = t;
    this.quietFromMs = t;
    this.evaluated = false;
  }

  /**
   * Something happens at `end`: if the quiet stretch before it lasted settleMs but no frame inside it
   * reached that age (sparse or variable frame rates), its last frame is the settled one.
   */
  private closeQuiet(end: number, settleMs = this.o.settleMs): void {
    if (this.evaluated || !this.prev || this.prevT < this.lastActivityMs) return;
    // The settled frame is the previous one: where the cursors were in it, not where this frame moved them.
    if (end - this.lastActivityMs >= settleMs) this.evaluate(this.prev, this.prevT, false, this.prevCursors);
  }

  /** `resting`: where the tracked cursors are in `frame`. */
  private evaluate(frame: Uint8Array, t: number, final: boolean, resting = this.movers.resting()): void {
    this.evaluated = true;
    if (this.opening !== null) {
      // Nothing but the pointer changed since the first frame: it is state 0.
      if (this.lastActivityMs === this.opening) return this.takeOpening();
      if (this.comparer.diff(frame, this.emitted!, this.cursorFootprints(resting), this.hover).blocks.length === 0) return this.takeOpening();
      this.opening = null;
      return this.emit(frame, t, Math.min(this.quietFromMs ?? t, t), 1, resting);
    }
    this.resolveProvisional(frame, t);
    this.away.end(t);
    // A state shown ≥ MIN_STEP_MS that never settled gave way to this one: a step, even with nothing changed.
    const away = this.away.shown ? { shown: this.away.shown, score: this.away.score } : null;
    const forced = this.pendingCandidates.length > 0 || away !== null;
    this.away.reset();
    // `frame` is the last frame of its quiet stretch (or the stream): the stretch began at quietFromMs.
    const fromMs = Math.min(this.quietFromMs ?? t, t);
    const hover = this.hoverFor(resting);
    const diff = this.comparer.diff(frame, this.emitted!, this.cursorFootprints(resting), hover);
    if (diff.blocks.length === 0) {
      if (forced) this.emit(frame, t, fromMs, away?.score ?? 0, resting, away?.shown);
      return;
    }
    if (forced || diff.regions.some((r) => r.length > this.o.tinyMaxBlocks)) {
      // Only tiny changes since the last state: with another state shown in between, this one came back to it.
      const back = diff.regions.every((r) => r.length <= this.o.tinyMaxBlocks) ? away?.shown : undefined;
      this.emit(frame, t, fromMs, diff.score, resting, back);
      return;
    }
    const cursors = this.cursorFootprints(resting);
    const pixels = this.comparer.changedPixels(frame, this.emitted!, diff.blocks, cursors, hover);
    this.provisional = { t, fromMs, frame, pixels, score: diff.score, cursors: resting };
    if (final) this.resolveProvisional(frame, t);
  }

  /** The first frame is state 0 after all: where pointers were in it is still known (origins, resting). */
  private takeOpening(): void {
    const first = this.opening!;
    this.opening = null;
    this.states.push({ timestampMs: first, fromMs: first, score: 1, candidatesMs: this.pendingCandidates, ...this.typing.take(first, first) });
    this.pendingCandidates = [];
  }

  private emit(frame: Uint8Array, t: number, fromMs: number, score: number, resting: Footprint[], returned?: UiState['returned']): void {
    this.states.push({ timestampMs: t, fromMs, score, candidatesMs: this.pendingCandidates, ...this.typing.take(t, fromMs), ...(returned ? { returned } : {}) });
    this.pendingCandidates = [];
    this.hover.rebase(this.emitted!, frame);
    this.emitted = frame;
    this.emittedCursors = resting;
    this.movers.clearOrigins();
  }

  /** Per frame: drop a pending tiny change once it went away, confirm it once it outlived transientMs. */
  private checkProvisional(frame: Uint8Array, t: number): void {
    const p = this.provisional;
    if (!p) return;
    if (this.persisting(p, frame, t) < this.o.minBlockPixels) this.provisional = null;
    else if (t - p.t >= this.o.transientMs) this.confirm(p);
  }

  /** Before the next comparison (or at the end), a pending tiny change is kept only if it stayed. */
  private resolveProvisional(frame: Uint8Array, t: number): void {
    const p = this.provisional;
    if (!p) return;
    if (this.persisting(p, frame, t) < this.o.minBlockPixels) this.provisional = null;
    else this.confirm(p);
  }

  private confirm(p: Provisional): void {
    this.provisional = null;
    this.states.push({ timestampMs: p.t, fromMs: p.fromMs, score: p.score, candidatesMs: [], ...this.typing.take(p.t, p.fromMs) });
    this.hover.rebase(this.emitted!, p.frame);
    this.emitted = p.frame;
    this.emittedCursors = p.cursors;
  }

  /**
   * Pixels of a pending change that still show it, leaving out those where carets blink. Pixels back
   * at the emitted value are remembered as blinking: a caret toggling there later is no change.
   */
  private persisting(p: Provisional, frame: Uint8Array, t: number): number {
    const thr = this.o.pixelThreshold;
    const emitted = this.emitted!;
    let n = 0;
    for (const i of p.pixels) {
      const v = frame[i]!;
      if (Math.abs(v - emitted[i]!) <= thr) this.blinkAt[i] = t;
      else if (Math.abs(v - p.frame[i]!) > thr) continue;
      else if (t - this.blinkAt[i]! > this.blinkMemoryMs) n++;
      else this.blinkAt[i] = t; // still a blink phase: keep remembering it
    }
    return n;
  }

  /**
   * The hover layers, unless every pointer rests just where it did in the emitted state: the same place
   * lights the same things, so a shade that changed since is the UI's own (a selection, a focus). Only
   * where a pointer was seen: in a recording that draws none, what the tracker holds is no pointer.
   */
  private hoverFor(resting: readonly Footprint[]): HoverLayers | null {
    const then = this.emittedCursors;
    const same = this.movers.pointerSeen && then.length > 0 && then.length === resting.length && then.every((a) => resting.some((b) => sameBox(a.box, b.box)));
    return same ? null : this.hover;
  }

  /**
   * Pointer-shaped blobs new in the last two frames and under MIN_STEP_MS old, where a pointer is drawn: in the last
   * frame they are the pointer re-found (lost in a fast move or a shape change), left unproven only because the
   * recording ends before it moves on. Anything else they could be is too young to be a step.
   */
  private lastNewcomers(): Footprint[] {
    if (!this.movers.pointerSeen) return [];
    return this.movers.newcomers(this.prevT - MIN_STEP_MS).flatMap((box) => (pointerShaped(box) ? [{ box, pixels: null }] : []));
  }

  private cursorFootprints(resting = this.movers.resting()): Footprint[] {
    return [...this.emittedCursors, ...resting, ...this.movers.originFootprints()];
  }
}
