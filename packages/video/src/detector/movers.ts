import { boxHeight, boxWidth, grow, intersects, union, type Box } from './box.js';
import type { Blob } from './components.js';
import type { Footprint } from './footprint.js';
import { blobsTouching, caretAdvance, coveredNow, evidence, nearest, oneRow, wordShaped, type PixelConfig } from './mover-pixels.js';
import { capture, type Patch } from './patch.js';

const ANIMATION_WINDOW_MS = 400;
/** A track's moves kept until a pointer is seen going somewhere (a pointer's first moves, before it goes far). */
const EARLY_MOVES = 8;

export interface MoverConfig {
  width: number;
  height: number;
  threshold: number;
  minPixels: number;
  maxPx: number;
  padPx: number;
  gapMs: number;
  maxTracks?: number;
}

/** How update() classified one frame's blobs. */
export interface MoverUpdate {
  /** Cursor motion. */
  explained: Set<number>;
  /** Cursor motion, and the blobs of a tracked thing changing in place (a spinner: not explained). */
  tracked: Set<number>;
  /** New small blobs that a move within gapMs may still prove to be a cursor (see `proven`). */
  candidates: Set<number>;
  /** Frames (their times) whose candidates moved on like a cursor in this frame: they were cursor motion. */
  proven: number[];
  /** Blobs a typing caret claimed: the characters typed (and the caret blinking). */
  typed: Set<number>;
  /** Where a typing caret stepped on in this frame (a character typed before it), if one did. */
  typedAt: Box | null;
}

/** A small thing that moves over the UI without changing it (the mouse pointer, in practice). */
interface Track {
  /** What it covers: the background under its box, and which pixels are its own. */
  patch: Patch;
  sprite: Int32Array;
  /** The UI under it changed since it got there, so `patch` no longer tells what it hides. */
  stale: boolean;
  lastMoveMs: number;
  /** Moves seen since it was confirmed. */
  moves: number;
  /**
   * Where its moves along one row of text went, each rightwards (a caret, or a password's dots, as characters are
   * typed), and where its other moves went: only those show a pointer going somewhere.
   */
  row: Box | null;
  roamed: Box | null;
  /**
   * Every move so far was a typing caret's (see `caretAdvance`): its changes are typing, not motion, so they stay
   * activity, and it masks nothing. One move of any other kind makes it a pointer for good.
   */
  caret: boolean;
  /** Its moves before any pointer was seen going somewhere (the latest EARLY_MOVES): reported once one is. */
  early: { t: number; box: Box }[];
}

/** Small blobs that appeared in one frame: cursor candidates until a later move proves it. */
interface Tentative {
  t: number;
  items: Patch[];
}

/**
 * Tells cursor motion apart from UI changes. Motion of a cursor always shows the same signature:
 * the pixels it leaves go back to exactly what was there before it came. A blob is cursor motion when
 * a tracked cursor moves away that way, or when a new small blob moves on within `gapMs` that way
 * (a typed character or a ticked checkbox stays put, so it never qualifies).
 */
export class MoverTracker {
  private tracks: Track[] = [];
  private tentatives: Tentative[] = [];
  private origins: Footprint[] = [];
  /** New small blobs of the latest two frames (perhaps the pointer showing up): where, and when. */
  private fresh: { t: number; box: Box }[] = [];
  /** Small blobs of recent frames, to tell a pointer (goes somewhere) from an animation (stays). */
  private recent: { t: number; box: Box }[] = [];
  private readonly maxTracks: number;
  private lastT = -Infinity;
  private travelled = false;
  /**
   * The sizes the pixel evidence needs, with `back`: within noise of the old value, "back to what was there" (a glyph
   * where a caret was is not).
   */
  private readonly px: PixelConfig;

  constructor(private readonly c: MoverConfig) {
    this.maxTracks = c.maxTracks ?? 3;
    this.px = { ...c, back: Math.max(4, c.threshold >> 1) };
  }

  /**
   * Classifies this frame's blobs (frame-to-frame changes): `explained` ones are cursor motion;
   * `tracked` also holds those of a tracked thing that keeps changing without going anywhere (a
   * spinner), which are not explained: an animation is a UI that has not settled.
   */
  update(prev: Uint8Array, cur: Uint8Array, t: number, blobs: readonly Blob[]): MoverUpdate {
    const claimed = new Set<number>();
    const animated = new Set<number>();
    /** Blobs a typing caret claimed: typed characters. */
    const typed = new Set<number>();
    let typedAt: Box | null = null;
    const proven: number[] = [];
    const small = blobs.map((b) => boxWidth(b.box) <= this.c.maxPx && boxHeight(b.box) <= this.c.maxPx);
    const free = (i: number) => small[i] === true && !claimed.has(i);

    for (const track of [...this.tracks].sort((a, b) => b.lastMoveMs - a.lastMoveMs)) {
      const before = track.patch.box;
      for (const i of this.moveTrack(track, prev, cur, t, blobs, free)) {
        claimed.add(i);
        if (track.caret) typed.add(i);
      }
      if (track.caret && track.lastMoveMs === t && track.patch.box.x1 > before.x1) typedAt = track.patch.box;
    }
    this.tracks = this.tracks.filter((tr) => tr.sprite.length > 0); // hidden or forgotten

    this.tentatives = this.tentatives.filter((g) => t - g.t <= this.c.gapMs);
    for (const group of this.tentatives) {
      for (const item of group.items) {
        const { claim: mine, caret } = this.confirm(item, prev, cur, t, blobs, free);
        if (mine.length === 0) continue;
        for (const i of mine) {
          claimed.add(i);
          if (caret) typed.add(i);
        }
        if (caret) typedAt = caret;
        // A first move shows the pointer's old place too: the other blob of that frame, or inside
        // this one when old and new place overlapped. More blobs than that were something else.
        if (group.items.length <= 2 && !caret) {
          this.origins.push(...group.items.map((p) => ({ box: p.box, pixels: null })));
          proven.push(group.t);
        }
        group.items = [];
        break;
      }
    }
    this.tentatives = this.tentatives.filter((g) => g.items.length > 0);

    const rest = blobs.map((_, i) => i).filter(free);
    this.fresh = [...this.fresh.filter((f) => f.t === this.lastT), ...rest.map((i) => ({ t, box: blobs[i]!.box }))];
    this.lastT = t;
    if (rest.length > 0 && rest.length <= 4) {
      this.tentatives.push({ t, items: rest.map((i) => capture(prev, this.c.width, blobs[i]!.box)) });
    }
    // One or two new blobs (a pointer's new place, and its old one after a jump) may prove to be the pointer.
    const candidates = rest.length <= 2 ? new Set(rest) : new Set<number>();

    this.recent = this.recent.filter((r) => t - r.t <= ANIMATION_WINDOW_MS);
    for (const i of claimed) if (this.animated(blobs[i]!.box, t)) animated.add(i);
    blobs.forEach((b, i) => small[i] && this.recent.push({ t, box: b.box }));
    return { explained: new Set([...claimed].filter((i) => !animated.has(i) && !typed.has(i))), tracked: claimed, candidates, proven, typed, typedAt };
  }

  /**
   * Whether a pointer has been seen going somewhere (a tracked thing moved further than its own size): until one
   * has, the recording may draw none (a browser's tab capture), and what it tracks are carets and spinners.
   */
  get pointerSeen(): boolean {
    return this.travelled;
  }

  /** The UI changed inside `region`: cursors resting there no longer know what they cover. */
  markStale(region: Box): void {
    for (const track of this.tracks) if (intersects(track.patch.box, region)) track.stale = true;
  }

  /**
   * New small blobs (no tracked cursor's) of this frame and the one before, from `sinceMs` on: perhaps the pointer
   * showing up anew.
   */
  newcomers(sinceMs = -Infinity): Box[] {
    return this.fresh.flatMap((f) => (f.t >= sinceMs ? [f.box] : []));
  }

  /** The cursor that moved last: its box and when (null while none is tracked). */
  latest(): { box: Box; t: number } | null {
    let best: Track | null = null;
    for (const t of this.tracks) if (!best || t.lastMoveMs > best.lastMoveMs) best = t;
    return best ? { box: best.patch.box, t: best.lastMoveMs } : null;
  }

  /**
   * Where the pointer moved at `t` (its box, and when): the move of a track that moved at `t` and is no typing caret,
   * unless no pointer has been seen going anywhere yet — a recording that draws none (a tab capture) tracks only carets and
   * spinners. The move that first shows a track going somewhere brings its earlier moves along.
   */
  pointerMovesAt(t: number): { t: number; box: Box }[] {
    // A caret stepping on in the same frame as the pointer (typing while the mouse moves) is not it.
    const p = this.travelled ? this.tracks.find((tr) => tr.lastMoveMs === t && !tr.caret) : undefined;
    if (!p) return [];
    const moves = [...p.early, { t, box: p.patch.box }];
    p.early = [];
    return moves;
  }

  /** Where cursors are now (a typing caret's place holds what was typed: never masked). */
  resting(): Footprint[] {
    return this.tracks.filter((t) => !t.caret).map((t) => ({ box: t.patch.box, pixels: t.sprite }));
  }

  /** Where cursors sat before their first detected move or were forgotten (since clearOrigins()). */
  originFootprints(): Footprint[] {
    return this.origins;
  }

  /** Places a pointer is known to have sat in: masked like origins until clearOrigins(). */
  addOrigins(boxes: readonly Box[]): void {
    this.origins.push(...boxes.map((box) => ({ box, pixels: null })));
  }

  clearOrigins(): void {
    this.origins = [];
  }

  /** Moves a track with this frame's blobs; returns the blobs it claimed. */
  private moveTrack(track: Track, prev: Uint8Array, cur: Uint8Array, t: number, blobs: readonly Blob[], free: (i: number) => boolean): number[] {
    const at = track.patch;
    // A freshly confirmed pointer's box may fall short of its sprite: look a little around it then.
    const touching = blobsTouching(this.px, at.box, track.moves <= 1 ? this.c.padPx : 1, blobs, free);
    if (touching.length === 0) return [];
    if (track.stale || evidence(this.px, at, prev, cur).back < this.c.minPixels) {
      // The UI changed at the pointer (under it, or a click on a small control there): what it covers
      // is unknown now. Forget it, masking where it rested; its next moves will re-acquire it.
      if (!track.caret) this.origins.push({ box: at.box, pixels: track.sprite });
      track.sprite = new Int32Array(0);
      return [];
    }
    let covered = coveredNow(this.px, at, prev, cur, blobs, touching, true);
    const claim = [...touching];
    // Nothing left at the old place: the pointer jumped to a blob elsewhere.
    if (!covered) {
      const arrival = nearest(at.box, blobs, free, touching);
      if (arrival >= 0) {
        covered = coveredNow(this.px, null, prev, cur, blobs, [arrival], false);
        claim.push(arrival);
      }
    }
    if (covered && (boxWidth(covered.box) > this.c.maxPx || boxHeight(covered.box) > this.c.maxPx)) {
      track.stale = true; // grew beyond a pointer: not a move we understand
      return [];
    }
    if (!covered) {
      track.sprite = new Int32Array(0); // left the frame
      return claim;
    }
    track.caret &&= caretAdvance(this.px, at.box, covered.box, true);
    track.patch = capture(prev, this.c.width, covered.box, at);
    this.extend(track, at.box, covered.box, covered.box.x1 >= at.box.x1);
    const roamed = track.roamed;
    if (!this.travelled && !track.caret && roamed && (boxWidth(roamed) > this.c.maxPx || boxHeight(roamed) > this.c.maxPx)) {
      this.travelled = true;
      for (const other of this.tracks) if (other !== track) other.early = []; // carets and spinners, so far
    } else if (!this.travelled) track.early = [...track.early.slice(1 - EARLY_MOVES), { t, box: covered.box }];
    track.sprite = covered.pixels;
    track.lastMoveMs = t;
    track.moves++;
    return claim;
  }

  /**
   * A recent small blob that moves on now, leaving the old background: a cursor, or a typing caret moving on (`caret`:
   * where it is now). Returns the blobs claimed.
   */
  private confirm(
    item: Patch,
    prev: Uint8Array,
    cur: Uint8Array,
    t: number,
    blobs: readonly Blob[],
    free: (i: number) => boolean,
  ): { claim: number[]; caret: Box | null } {
    const none = { claim: [], caret: null };
    const touching = blobsTouching(this.px, item.box, this.c.padPx, blobs, free);
    if (touching.length === 0) return none;
    // Not `stillCovered`: the item's "before" may show the pointer at its origin, not the background.
    let covered = coveredNow(this.px, item, prev, cur, blobs, touching, false);
    const claim = [...touching];
    if (!covered) {
      const arrival = nearest(item.box, blobs, free, touching);
      if (arrival >= 0) {
        covered = coveredNow(this.px, null, prev, cur, blobs, [arrival], false);
        claim.push(arrival);
      }
    }
    if (covered && (boxWidth(covered.box) > this.c.maxPx || boxHeight(covered.box) > this.c.maxPx)) return none;
    if (covered && wordShaped(covered.box)) return none;
    // Most of what changes now where the blob was must go back (a pointer leaving), not just a few
    // anti-aliased pixels that happen to match (a character typed where placeholder text was). Nor may
    // much more stay changed than goes back: a placeholder that vanished stays gone while a character
    // is typed into its place. (A pointer's own trail from its origin stays too, about one sprite.)
    const { back, changed, stuck } = evidence(this.px, item, prev, cur, covered?.box ?? null);
    if (back < this.c.minPixels || back * 3 < changed || stuck > back * 2) return none;
    // What was typed stays behind a caret; a pointer gliding along a row leaves nothing changed behind it.
    const caret = !!covered && stuck > 0 && caretAdvance(this.px, item.box, covered.box, false);
    // Something that vanished again within gapMs (a flicker) needs no track.
    if (covered) {
      this.addTrack({
        patch: capture(prev, this.c.width, covered.box, item),
        sprite: covered.pixels,
        stale: false,
        lastMoveMs: t,
        moves: 0,
        ...this.reached(item.box, covered.box),
        caret,
        early: this.travelled ? [] : [{ t, box: covered.box }],
      });
    }
    return { claim, caret: caret ? covered!.box : null };
  }

  /**
   * Small changes in at least 3 frames of the last 400 ms, all within a pointer's size of each other:
   * a spinner or a pulsing dot. A pointer moving that little that often is rare.
   */
  private animated(box: Box, t: number): boolean {
    const near = grow(box, this.c.maxPx >> 1, this.c.width, this.c.height);
    let all: Box = box;
    const frames = new Set([t]);
    for (const r of this.recent) {
      if (!intersects(r.box, near)) continue;
      all = union(all, r.box)!;
      frames.add(r.t);
    }
    return frames.size >= 3 && boxWidth(all) <= this.c.maxPx && boxHeight(all) <= this.c.maxPx;
  }

  /** Where a new track's first move went: along a row (whichever way: its first blink may be anywhere), or roaming. */
  private reached(from: Box, to: Box): Pick<Track, 'row' | 'roamed'> {
    const both = union(from, to)!;
    return oneRow(this.px, both) ? { row: both, roamed: null } : { row: null, roamed: both };
  }

  /**
   * A move from `from` to `to`: along the track's row of text if it went rightwards and stays within one row with
   * the moves along it before (typing steps on), else roaming — a password's dots growing, then shrinking back a
   * little as the field loses focus, have not gone anywhere.
   */
  private extend(track: Track, from: Box, to: Box, rightwards: boolean): void {
    const row = union(track.row ?? from, to)!;
    if (rightwards && oneRow(this.px, row)) track.row = row;
    else track.roamed = union(track.roamed ?? from, to);
  }

  private addTrack(track: Track): void {
    this.tracks.push(track);
    if (this.tracks.length > this.maxTracks) {
      this.tracks.sort((a, b) => b.lastMoveMs - a.lastMoveMs);
      this.tracks.length = this.maxTracks;
    }
  }
}
