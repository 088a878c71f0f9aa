import { BoxBuilder, boxHeight, boxWidth, centreDistance2, contains, grow, intersects, union, type Box } from './box.js';
import type { Blob } from './components.js';
import type { Footprint } from './footprint.js';
import { capture, inPatch, patchAt, type Patch } from './patch.js';

const ANIMATION_WINDOW_MS = 400;
/** A track's moves kept until a pointer is seen going somewhere (a pointer's first moves, before it goes far). */
const EARLY_MOVES = 8;
/**
 * Pointer sprites (arrow, hand, I-beam with its serifs) are at least 2 px wide at the detector's scale and about
 * as tall as wide or taller: a blob 1 px wide is a caret blinking, not where the pointer jumped to; a new blob much
 * wider than tall that seems to move on is a word of text (a toast's, refined by the codec over two frames).
 */
const caretShaped = (b: Box) => boxWidth(b) < 2;
const wordShaped = (b: Box) => boxWidth(b) > 2.5 * boxHeight(b);
export const pointerShaped = (b: Box) => !caretShaped(b) && !wordShaped(b);

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
  /** All the places it has covered since it was confirmed. */
  range: Box;
  /**
   * Every move so far was a typing caret's (see `caretAdvance`): its changes are typing, not motion, so they stay
   * activity, and it masks nothing. One move of any other kind makes it a pointer for good.
   */
  caret: boolean;
  /**
   * Every move so far went rightwards within one row of text: perhaps a typing caret that a blink made look like
   * something else for a move. Such a track shows no pointer going somewhere.
   */
  along: boolean;
  /** Its moves before any pointer was seen going somewhere (the latest EARLY_MOVES): reported once one is. */
  early: { t: number; box: Box }[];
}

/** Small blobs that appeared in one frame: cursor candidates until a later move proves it. */
interface Tentative {
  t: number;
  items: Patch[];
}

interface Covered {
  box: Box;
  pixels: Int32Array;
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
  /** Within noise of the old value: "back to what was there" (a glyph where a caret was is not). */
  private readonly back: number;

  constructor(private readonly c: MoverConfig) {
    this.maxTracks = c.maxTracks ?? 3;
    this.back = Math.max(4, c.threshold >> 1);
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

  /** New small blobs (no tracked cursor's) of this frame and the one before: perhaps the pointer showing up anew. */
  newcomers(): Box[] {
    return this.fresh.map((f) => f.box);
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
    const touching = this.touching(at.box, track.moves <= 1 ? this.c.padPx : 1, blobs, free);
    if (touching.length === 0) return [];
    if (track.stale || this.evidence(at, prev, cur).back < this.c.minPixels) {
      // The UI changed at the pointer (under it, or a click on a small control there): what it covers
      // is unknown now. Forget it, masking where it rested; its next moves will re-acquire it.
      if (!track.caret) this.origins.push({ box: at.box, pixels: track.sprite });
      track.sprite = new Int32Array(0);
      return [];
    }
    let covered = this.covered(at, prev, cur, blobs, touching, true);
    const claim = [...touching];
    // Nothing left at the old place: the pointer jumped to a blob elsewhere.
    if (!covered) {
      const arrival = this.nearest(at.box, blobs, free, touching);
      if (arrival >= 0) {
        covered = this.covered(null, prev, cur, blobs, [arrival], false);
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
    track.caret &&= this.caretAdvance(at.box, covered.box, true);
    track.patch = capture(prev, this.c.width, covered.box, at);
    track.range = union(track.range, covered.box)!;
    track.along &&= covered.box.x1 >= at.box.x1 && this.oneRow(track.range);
    if (!this.travelled && !track.caret && !track.along && (boxWidth(track.range) > this.c.maxPx || boxHeight(track.range) > this.c.maxPx)) {
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
    const touching = this.touching(item.box, this.c.padPx, blobs, free);
    if (touching.length === 0) return none;
    // Not `stillCovered`: the item's "before" may show the pointer at its origin, not the background.
    let covered = this.covered(item, prev, cur, blobs, touching, false);
    const claim = [...touching];
    if (!covered) {
      const arrival = this.nearest(item.box, blobs, free, touching);
      if (arrival >= 0) {
        covered = this.covered(null, prev, cur, blobs, [arrival], false);
        claim.push(arrival);
      }
    }
    if (covered && (boxWidth(covered.box) > this.c.maxPx || boxHeight(covered.box) > this.c.maxPx)) return none;
    if (covered && wordShaped(covered.box)) return none;
    // Most of what changes now where the blob was must go back (a pointer leaving), not just a few
    // anti-aliased pixels that happen to match (a character typed where placeholder text was). Nor may
    // much more stay changed than goes back: a placeholder that vanished stays gone while a character
    // is typed into its place. (A pointer's own trail from its origin stays too, about one sprite.)
    const { back, changed, stuck } = this.evidence(item, prev, cur, covered?.box ?? null);
    if (back < this.c.minPixels || back * 3 < changed || stuck > back * 2) return none;
    // What was typed stays behind a caret; a pointer gliding along a row leaves nothing changed behind it.
    const caret = !!covered && stuck > 0 && this.caretAdvance(item.box, covered.box, false);
    // Something that vanished again within gapMs (a flicker) needs no track.
    if (covered) {
      this.addTrack({
        patch: capture(prev, this.c.width, covered.box, item),
        sprite: covered.pixels,
        stale: false,
        lastMoveMs: t,
        moves: 0,
        range: union(item.box, covered.box)!,
        caret,
        along: this.oneRow(union(item.box, covered.box)!),
        early: this.travelled ? [] : [{ t, box: covered.box }],
      });
    }
    return { claim, caret: caret ? covered!.box : null };
  }

  /**
   * In `before`'s box: pixels that something covered in the previous frame and that are back, within
   * noise, to what `before` remembers (`back`: the trail of a moving pointer); all pixels that changed
   * in this frame (`changed`); and, outside `now` (where the thing is after this frame), pixels that
   * differ from `before` and did not change in this frame (`stuck`: a lasting change, no pointer's).
   */
  private evidence(before: Patch, prev: Uint8Array, cur: Uint8Array, now: Box | null = null): { back: number; changed: number; stuck: number } {
    const { width, threshold } = this.c;
    let back = 0;
    let changed = 0;
    let stuck = 0;
    for (let y = before.box.y0; y < before.box.y1; y++) {
      for (let x = before.box.x0; x < before.box.x1; x++) {
        const i = y * width + x;
        const v = patchAt(before, x, y);
        const moved = Math.abs(cur[i]! - prev[i]!) > threshold;
        if (moved) changed++;
        if (Math.abs(prev[i]! - v) <= threshold) continue;
        if (Math.abs(cur[i]! - v) <= this.back) back++;
        else if (!moved && !(now && contains(now, x, y))) stuck++;
      }
    }
    return { back, changed, stuck };
  }

  /**
   * Where the pointer is after this frame: changed pixels that differ from the background estimate
   * (what `under` remembers inside its box, the previous frame elsewhere), plus, with `stillCovered`,
   * pixels of `under`'s box that still differ from what it remembers.
   */
  private covered(
    under: Patch | null,
    prev: Uint8Array,
    cur: Uint8Array,
    blobs: readonly Blob[],
    which: readonly number[],
    stillCovered: boolean,
  ): Covered | null {
    const { width, threshold } = this.c;
    const out = new BoxBuilder();
    const pixels = new Set<number>();
    const take = (i: number, x: number, y: number) => {
      out.add(x, y);
      pixels.add(i);
    };
    for (const bi of which) {
      for (const i of blobs[bi]!.pixels) {
        const x = i % width;
        const y = (i - x) / width;
        const bg = under && inPatch(under, x, y) ? patchAt(under, x, y) : prev[i]!;
        if (Math.abs(cur[i]! - bg) > threshold) take(i, x, y);
      }
    }
    if (under && stillCovered) {
      // Only near this frame's change: a pointer moving a little still covers part of its old box there,
      // while what stays changed further off (characters a moving caret left behind) is not the pointer.
      const moved = out.build();
      const b = under.box;
      for (let y = b.y0; y < b.y1; y++) {
        for (let x = b.x0; x < b.x1; x++) {
          const i = y * width + x;
          if (moved && !contains(grow(moved, this.c.padPx, width, this.c.height), x, y)) continue;
          if (Math.abs(cur[i]! - patchAt(under, x, y)) > threshold) take(i, x, y);
        }
      }
    }
    const box = out.build();
    return box ? { box, pixels: Int32Array.from(pixels) } : null;
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

  /**
   * A typing caret moving on: on the same rows exactly, from where it was a short step rightwards (over the characters
   * typed since), or, once known to be a caret (`inPlace`), blinking where it is.
   */
  private caretAdvance(from: Box, to: Box, inPlace: boolean): boolean {
    const step = to.x1 - from.x1;
    const level = to.y0 === from.y0 && to.y1 === from.y1;
    return level && to.x0 >= from.x0 && to.x0 <= from.x1 && (inPlace ? step >= 0 : step > 0) && step <= this.c.maxPx >> 1;
  }

  /** A box no taller than a row of text (half a pointer's largest size). */
  private oneRow(b: Box): boolean {
    return boxHeight(b) <= this.c.maxPx >> 1;
  }

  /** Free blobs with a pixel at (or within `pad` pixels of) `box`. */
  private touching(box: Box, pad: number, blobs: readonly Blob[], free: (i: number) => boolean): number[] {
    const near = grow(box, pad, this.c.width, this.c.height);
    const { width } = this.c;
    const out: number[] = [];
    blobs.forEach((b, i) => {
      if (!free(i) || !intersects(b.box, near)) return;
      if (b.pixels.some((p) => contains(near, p % width, Math.floor(p / width)))) out.push(i);
    });
    return out;
  }

  /** The free blob nearest to `from` that a pointer can have jumped to (a caret cannot be it). */
  private nearest(from: Box, blobs: readonly Blob[], free: (i: number) => boolean, exclude: readonly number[]): number {
    let best = -1;
    let bestD = Infinity;
    blobs.forEach((b, i) => {
      if (!free(i) || exclude.includes(i) || caretShaped(b.box)) return;
      const d = centreDistance2(from, b.box);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    return best;
  }

  private addTrack(track: Track): void {
    this.tracks.push(track);
    if (this.tracks.length > this.maxTracks) {
      this.tracks.sort((a, b) => b.lastMoveMs - a.lastMoveMs);
      this.tracks.length = this.maxTracks;
    }
  }
}
