import type { Box } from './box.js';

/** Layers remembered: a pointer sweeping over a list lights a few rows in turn. */
const MAX_LAYERS = 8;
/** Of the pixels a change moved, this share must move by one of two amounts (±SHADE_SPREAD): a shade, not new content. */
const SHADE_SHARE = 0.8;
const SHADE_SPREAD = 8;
/** A hover shade is subtle (a row a few levels darker, a menu item tinted); a panel appearing is not. */
const MAX_SHADE = 64;
/** A faint shade (see faintShadeWithPointer) covers at least this many pixels beside the sprite. */
const MIN_SHADE_PX = 12;

/** Shifts (−255…255) counted at index shift + 255. */
function histogram(diffs: readonly number[]): Int32Array {
  const hist = new Int32Array(511);
  for (const d of diffs) hist[d + 255]!++;
  return hist;
}

/** The shift, at most `reach` either way, with the most shifts within ±SHADE_SPREAD of it, and how many those are. */
function commonest(hist: Int32Array, reach: number): { mode: number; n: number } {
  let best = { mode: 0, n: 0 };
  for (let c = 255 - reach; c <= 255 + reach; c++) {
    let n = 0;
    for (let k = Math.max(0, c - SHADE_SPREAD); k <= Math.min(510, c + SHADE_SPREAD); k++) n += hist[k]!;
    if (n > best.n) best = { mode: c - 255, n };
  }
  return best;
}

/**
 * The one or two amounts most pixel shifts are (±SHADE_SPREAD), or null when fewer than SHADE_SHARE
 * of them are: a shade lightens or darkens an element's background (two amounts when light and dark
 * pixels move opposite ways, or the pointer goes from a row onto a button in it); new content does not.
 */
function shades(diffs: readonly number[]): number[] | null {
  return shadesIn(histogram(diffs), diffs.length);
}

/** shades() of `total` shifts counted in `hist` (which it clears as it goes). */
function shadesIn(hist: Int32Array, total: number): number[] | null {
  const modes: number[] = [];
  let covered = 0;
  for (let round = 0; round < 2 && covered < SHADE_SHARE * total; round++) {
    const { mode, n } = commonest(hist, 255);
    if (n === 0) break;
    modes.push(mode);
    covered += n;
    for (let k = Math.max(0, mode + 255 - SHADE_SPREAD); k <= Math.min(510, mode + 255 + SHADE_SPREAD); k++) hist[k] = 0;
  }
  return covered >= SHADE_SHARE * total && modes.every((m) => Math.abs(m) <= MAX_SHADE) ? modes : null;
}

/**
 * Whether pixel shifts (new − old, each beyond the change threshold), counted in `hist` at index shift + 255, are a
 * shade: an element lit or dimmed, no new content. Clears `hist` in part.
 */
export function isShade(hist: Int32Array): boolean {
  let total = 0;
  for (const n of hist) total += n;
  return total > 0 && shadesIn(hist, total) !== null;
}

/**
 * The one amount (±SHADE_SPREAD, at most MAX_SHADE) that SHADE_SHARE of the shifts are, when every other shifted
 * pixel lies within a pointer's box: the pointer arriving or leaving in the frame its hover switched (its sprite
 * moves pixels by amounts of its own, as many as a second shade's). Null otherwise.
 */
function shadeWithPointer(diffs: readonly number[], at: readonly number[], width: number, maxPx: number): number[] | null {
  const { mode, n } = commonest(histogram(diffs), MAX_SHADE);
  if (n < SHADE_SHARE * diffs.length) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  diffs.forEach((d, k) => {
    if (Math.abs(d - mode) <= SHADE_SPREAD) return;
    const x = at[k]! % width;
    const y = (at[k]! - x) / width;
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  });
  return x1 - x0 < maxPx && y1 - y0 < maxPx ? [mode] : null;
}

/**
 * A shade too faint for `shadeWithPointer`, its pixels partly under the change `threshold` (shifts here count from
 * half of it), seen as the pointer leaves the element it rested on (the lit button it clicked): every pixel that
 * moved by more than any shade lies in one pointer-sized box (the sprite), and around it SHADE_SHARE (and at least
 * MIN_SHADE_PX) of the shifts are one amount. The layer's box is where that amount is: the element, not the blocks
 * around it (a field next to a lit tab keeps its own changes). Null otherwise. Runs only when the other tests fail.
 */
function faintShadeWithPointer(prev: Uint8Array, cur: Uint8Array, box: Box, width: number, threshold: number, maxPx: number): Layer | null {
  const faint = threshold >> 1;
  const sprite = strongIn(prev, cur, box, width);
  if (sprite && (sprite.x1 - sprite.x0 > maxPx || sprite.y1 - sprite.y0 > maxPx)) return null;
  // The sprite's anti-aliased edge belongs to it too.
  const near = sprite ? { x0: sprite.x0 - 2, y0: sprite.y0 - 2, x1: sprite.x1 + 2, y1: sprite.y1 + 2 } : null;
  const around = (x: number, y: number) => !near || x < near.x0 || x >= near.x1 || y < near.y0 || y >= near.y1;
  const hist = new Int32Array(511);
  let count = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const d = cur[y * width + x]! - prev[y * width + x]!;
      if ((d > faint || d < -faint) && around(x, y)) {
        hist[d + 255]!++;
        count++;
      }
    }
  }
  const { mode, n } = commonest(hist, MAX_SHADE);
  if (n < MIN_SHADE_PX || n < SHADE_SHARE * count) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const d = cur[y * width + x]! - prev[y * width + x]!;
      if ((d > faint || d < -faint) && Math.abs(d - mode) <= SHADE_SPREAD && around(x, y)) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
    }
  }
  return { box: { x0, y0, x1, y1 }, shifts: [mode, -mode] };
}

/** The box of the pixels in `box` that moved by more than any shade between `prev` and `cur`, or null. */
function strongIn(prev: Uint8Array, cur: Uint8Array, box: Box, width: number): Box | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const d = cur[y * width + x]! - prev[y * width + x]!;
      if (d > MAX_SHADE || d < -MAX_SHADE) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
    }
  }
  return x1 > x0 ? { x0, y0, x1, y1 } : null;
}

/**
 * In `box`, the pixels that moved by more than any shade between `prev` and `cur`, when they fit a pointer's box
 * (`maxPx`): a sprite that left or reached the element as its shade switched. Null when there are none or more.
 */
export function spriteIn(prev: Uint8Array, cur: Uint8Array, box: Box, width: number, maxPx: number): Box | null {
  const s = strongIn(prev, cur, box, width);
  return s && s.x1 - s.x0 <= maxPx && s.y1 - s.y0 <= maxPx ? s : null;
}

/** A hover highlight the pointer switched: where, and by which shifts (either sign: on or off). */
interface Layer {
  box: Box;
  shifts: number[];
}

/**
 * Hover highlights: the element the pointer enters lights up (a shade over its box) and goes dark when
 * it leaves, in the very frame the pointer crosses its edge. A change next to the moving pointer that
 * shifts its pixels by one or two amounts is remembered here as a shade; in a settled frame, pixels of
 * its box that differ from the last state by just that shade (either way) are no change. A tick, a
 * label or new content in that box shifts pixels by other amounts and still counts.
 */
export class HoverLayers {
  private layers: Layer[] = [];

  constructor(
    private readonly width: number,
    private readonly threshold: number,
    /** Largest pointer sprite (px): what else may move with a shade as the pointer crosses its element's edge. */
    private readonly pointerPx: number,
  ) {}

  /**
   * `box` changed from `prev` to `cur` as the pointer crossed it (`pointerNear`), or where no pointer has been seen:
   * remember it if it is a shade (without a pointer near, only a shade of the whole change).
   */
  note(prev: Uint8Array, cur: Uint8Array, box: Box, pointerNear = true): boolean {
    const { width, threshold } = this;
    const diffs: number[] = [];
    const at: number[] = [];
    for (let y = box.y0; y < box.y1; y++) {
      for (let x = box.x0; x < box.x1; x++) {
        const d = cur[y * width + x]! - prev[y * width + x]!;
        if (d > threshold || d < -threshold) {
          diffs.push(d);
          at.push(y * width + x);
        }
      }
    }
    if (diffs.length === 0) return false;
    const both = (shifts: number[] | null): Layer | null => (shifts ? { box, shifts: [...shifts, ...shifts.map((m) => -m)] } : null);
    const layer =
      both(shades(diffs)) ??
      (pointerNear ? (both(shadeWithPointer(diffs, at, width, this.pointerPx)) ?? faintShadeWithPointer(prev, cur, box, width, threshold, this.pointerPx)) : null);
    if (!layer) return false;
    this.layers.push(layer);
    if (this.layers.length > MAX_LAYERS) this.layers.shift();
    return true;
  }

  get empty(): boolean {
    return this.layers.length === 0;
  }

  /**
   * The UI moved on from `before` to `after` (two states): a layer whose box now shows other content
   * (a quarter of it or more changed, and not by its shade: the element it lit went away, a menu
   * closed, the page was redrawn) says nothing about what is there now, and is dropped. A row whose
   * label or tick changed keeps it.
   */
  rebase(before: Uint8Array, after: Uint8Array): void {
    if (this.layers.length === 0) return;
    const { width, threshold } = this;
    this.layers = this.layers.filter((l) => {
      let changed = 0;
      let other = 0;
      for (let y = l.box.y0; y < l.box.y1; y++) {
        for (let x = l.box.x0; x < l.box.x1; x++) {
          const d = after[y * width + x]! - before[y * width + x]!;
          if (d <= threshold && d >= -threshold) continue;
          changed++;
          if (!l.shifts.some((m) => Math.abs(d - m) <= SHADE_SPREAD)) other++;
        }
      }
      const area = (l.box.x1 - l.box.x0) * (l.box.y1 - l.box.y0);
      return other * 2 < changed || other * 4 < area;
    });
  }

  /** Sets `mask` where `frame` differs from `emitted` by a remembered hover's shade, inside its box. */
  maskToggles(frame: Uint8Array, emitted: Uint8Array, mask: Uint8Array): void {
    const { width, threshold } = this;
    for (const l of this.layers) {
      for (let y = l.box.y0; y < l.box.y1; y++) {
        for (let x = l.box.x0; x < l.box.x1; x++) {
          const i = y * width + x;
          const d = frame[i]! - emitted[i]!;
          if (d <= threshold && d >= -threshold) continue;
          if (l.shifts.some((m) => Math.abs(d - m) <= SHADE_SPREAD)) mask[i] = 1;
        }
      }
    }
  }
}
