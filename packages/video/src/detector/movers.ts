import { BoxBuilder, boxHeight, boxWidth, centreDistance2, contains, grow, intersects, type Box } from './box.js';
import type { Blob } from './components.js';
import { capture, inPatch, patchAt, type Patch } from './patch.js';

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

/** A small thing that moves over the UI without changing it (the mouse pointer, in practice). */
interface Track {
  /** Where it is now and what it covers there; null while hidden (left the frame). */
  patch: Patch | null;
  /** The UI under it changed since it got there, so `patch` no longer tells what it hides. */
  stale: boolean;
  lastMoveMs: number;
}

/** Small blobs that appeared in one frame: cursor candidates until a later move proves it. */
interface Tentative {
  t: number;
  items: Patch[];
}

/**
 * Tells cursor motion apart from UI changes. A blob is cursor motion when it moves away from where a
 * tracked cursor was, or when a new small blob moves on within `gapMs` and leaves exactly the old
 * background behind (a typed character stays put, so it never qualifies).
 */
export class MoverTracker {
  private tracks: Track[] = [];
  private tentatives: Tentative[] = [];
  private origins: Box[] = [];
  private readonly maxTracks: number;

  constructor(private readonly c: MoverConfig) {
    this.maxTracks = c.maxTracks ?? 3;
  }

  /** Indices of the blobs (frame-to-frame changes) explained as cursor motion. */
  update(prev: Uint8Array, cur: Uint8Array, t: number, blobs: readonly Blob[]): Set<number> {
    const explained = new Set<number>();
    const small = blobs.map((b) => boxWidth(b.box) <= this.c.maxPx && boxHeight(b.box) <= this.c.maxPx);
    const free = (i: number) => small[i] === true && !explained.has(i);

    const byRecency = [...this.tracks].sort((a, b) => b.lastMoveMs - a.lastMoveMs);
    for (const track of byRecency) {
      if (track.patch) this.moveTrack(track, track.patch, prev, cur, t, blobs, free, explained);
    }

    this.tentatives = this.tentatives.filter((g) => t - g.t <= this.c.gapMs);
    for (const group of this.tentatives) {
      for (const item of group.items) {
        if (!this.confirm(item, prev, cur, t, blobs, free, explained)) continue;
        // Every blob of that frame belonged to the move: where the pointer was, and where it passed.
        this.origins.push(...group.items.map((p) => p.box));
        group.items = [];
        break;
      }
    }
    this.tentatives = this.tentatives.filter((g) => g.items.length > 0);

    const rest = blobs.map((_, i) => i).filter(free);
    if (rest.length > 0 && rest.length <= 4) {
      this.tentatives.push({ t, items: rest.map((i) => capture(prev, this.c.width, blobs[i]!.box)) });
    }
    return explained;
  }

  /** The UI changed inside `region`: cursors resting there no longer know what they cover. */
  markStale(region: Box): void {
    for (const track of this.tracks) if (track.patch && intersects(track.patch.box, region)) track.stale = true;
  }

  /** Where cursors are now. */
  restingBoxes(): Box[] {
    return this.tracks.flatMap((t) => (t.patch ? [t.patch.box] : []));
  }

  /** Where cursors sat before their first detected move (since the last clearOrigins()). */
  originBoxes(): Box[] {
    return this.origins;
  }

  clearOrigins(): void {
    this.origins = [];
  }

  private moveTrack(
    track: Track,
    at: Patch,
    prev: Uint8Array,
    cur: Uint8Array,
    t: number,
    blobs: readonly Blob[],
    free: (i: number) => boolean,
    explained: Set<number>,
  ): void {
    const touching = this.touching(at.box, blobs, free);
    if (touching.length === 0) return;
    const under = track.stale ? null : at;
    let box = this.coveredBox(under, prev, cur, blobs, touching, true);
    let arrival = -1;
    // Nothing left at the old place (or no way to tell, when stale): the pointer jumped to a blob elsewhere.
    if (!box || track.stale) {
      arrival = this.nearest(at.box, blobs, free, touching);
      if (arrival >= 0) box = blobs[arrival]!.box;
    }
    if (box && (boxWidth(box) > this.c.maxPx || boxHeight(box) > this.c.maxPx)) {
      track.stale = true; // grew beyond a pointer: not a move we understand
      return;
    }
    for (const i of touching) explained.add(i);
    if (arrival >= 0) explained.add(arrival);
    const jumped = !box || !intersects(box, at.box);
    track.patch = box ? capture(prev, this.c.width, box, under) : null;
    track.stale = jumped ? false : track.stale;
    track.lastMoveMs = t;
  }

  private confirm(
    item: Patch,
    prev: Uint8Array,
    cur: Uint8Array,
    t: number,
    blobs: readonly Blob[],
    free: (i: number) => boolean,
    explained: Set<number>,
  ): boolean {
    const touching = this.touching(item.box, blobs, free);
    if (touching.length === 0) return false;
    // Evidence of a pointer passing: pixels it covered are back to what was there before it came,
    // within noise (half the change threshold: a glyph drawn where a caret was is not "back").
    const { width, threshold } = this.c;
    const back = Math.max(4, threshold >> 1);
    let evidence = 0;
    for (let y = item.box.y0; y < item.box.y1; y++) {
      for (let x = item.box.x0; x < item.box.x1; x++) {
        const i = y * width + x;
        const before = patchAt(item, x, y);
        if (Math.abs(prev[i]! - before) > threshold && Math.abs(cur[i]! - before) <= back) evidence++;
      }
    }
    if (evidence < this.c.minPixels) return false;
    // Not `stillCovered`: the item's "before" may show the pointer at its origin, not the background.
    let box = this.coveredBox(item, prev, cur, blobs, touching, false);
    let arrival = -1;
    if (!box) {
      arrival = this.nearest(item.box, blobs, free, touching);
      if (arrival >= 0) box = blobs[arrival]!.box;
    }
    if (box && (boxWidth(box) > this.c.maxPx || boxHeight(box) > this.c.maxPx)) return false;
    for (const i of touching) explained.add(i);
    if (arrival >= 0) explained.add(arrival);
    // Something that vanished again within gapMs (a flicker) needs no track.
    if (box) this.addTrack({ patch: capture(prev, width, box, item), stale: false, lastMoveMs: t });
    return true;
  }

  /** Free blobs with a pixel at (or within padPx of) `box`. */
  private touching(box: Box, blobs: readonly Blob[], free: (i: number) => boolean): number[] {
    const near = grow(box, this.c.padPx, this.c.width, this.c.height);
    const { width } = this.c;
    const out: number[] = [];
    blobs.forEach((b, i) => {
      if (!free(i) || !intersects(b.box, near)) return;
      if (b.pixels.some((p) => contains(near, p % width, Math.floor(p / width)))) out.push(i);
    });
    return out;
  }

  /**
   * Where the pointer is after this frame: changed pixels that differ from the background estimate
   * (what `under` remembers inside its box, the previous frame elsewhere), plus, with `stillCovered`,
   * pixels of `under`'s box that still differ from what it remembers.
   */
  private coveredBox(
    under: Patch | null,
    prev: Uint8Array,
    cur: Uint8Array,
    blobs: readonly Blob[],
    touching: readonly number[],
    stillCovered: boolean,
  ): Box | null {
    const { width, threshold } = this.c;
    const out = new BoxBuilder();
    for (const bi of touching) {
      for (const i of blobs[bi]!.pixels) {
        const x = i % width;
        const y = (i - x) / width;
        const bg = under && inPatch(under, x, y) ? patchAt(under, x, y) : prev[i]!;
        if (Math.abs(cur[i]! - bg) > threshold) out.add(x, y);
      }
    }
    if (under && stillCovered) {
      const b = under.box;
      for (let y = b.y0; y < b.y1; y++) {
        for (let x = b.x0; x < b.x1; x++) {
          if (Math.abs(cur[y * width + x]! - patchAt(under, x, y)) > threshold) out.add(x, y);
        }
      }
    }
    return out.build();
  }

  private nearest(from: Box, blobs: readonly Blob[], free: (i: number) => boolean, exclude: readonly number[]): number {
    let best = -1;
    let bestD = Infinity;
    blobs.forEach((b, i) => {
      if (!free(i) || exclude.includes(i)) return;
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
