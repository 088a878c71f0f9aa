import type { Box } from './types.js';

/** A word as read in a block, its box relative to the block's top left (screen pixels). */
export interface BlockWord {
  text: string;
  /** 0–1 */
  confidence: number;
  box: Box;
  /** The word's text line within the block, from 0. */
  line: number;
}

/** A block's flattened pixels (row-major, `w` × `h`). */
export interface BlockPixels {
  px: Uint8Array;
  w: number;
  h: number;
}

/**
 * Codec noise moves flattened pixels by a few levels; a changed glyph moves dozens of pixels by far more (dark
 * text on white: ~150–255). Measured on the 60 s recording of bench:vision's speed case: of blocks seen before at
 * the same size, 732 matched with no pixel off by more than 96 and one with 1–2; the rest were off in 6 or more.
 */
const FAR = 96;
const MAX_FAR = 2;
/** What one cache holds at most (pixels of the blocks kept); the oldest blocks go first. */
const MAX_PIXELS = 8_000_000;

interface Entry extends BlockPixels {
  words: BlockWord[];
}

export function samePixels(a: BlockPixels, b: BlockPixels): boolean {
  if (a.w !== b.w || a.h !== b.h) return false;
  let far = 0;
  for (let i = 0; i < a.px.length; i++) if (Math.abs(a.px[i]! - b.px[i]!) > FAR && ++far > MAX_FAR) return false;
  return true;
}

/**
 * The words of blocks already read in one session, by their pixels: a block whose pixels match one read before
 * (same size, no more than MAX_FAR pixels far off) takes its words instead of being read again, wherever it is
 * now. One per vision lane run (not shared between sessions: it holds their text). Not thread-safe beyond JS's one
 * thread, which is all it needs: reads that run at once may both miss the same block.
 */
export class ReadCache {
  private readonly bySize = new Map<string, Entry[]>();
  private readonly order: Entry[] = [];
  private pixels = 0;
  hits = 0;
  misses = 0;

  find(b: BlockPixels): BlockWord[] | null {
    const found = this.bySize.get(`${b.w}x${b.h}`)?.find((e) => samePixels(e, b));
    if (found) this.hits++;
    else this.misses++;
    return found ? found.words : null;
  }

  add(b: BlockPixels, words: BlockWord[]): void {
    const key = `${b.w}x${b.h}`;
    const entry: Entry = { ...b, words };
    this.bySize.set(key, [...(this.bySize.get(key) ?? []), entry]);
    this.order.push(entry);
    this.pixels += b.px.length;
    while (this.pixels > MAX_PIXELS && this.order.length > 1) {
      const old = this.order.shift()!;
      this.pixels -= old.px.length;
      const k = `${old.w}x${old.h}`;
      const rest = this.bySize.get(k)!.filter((e) => e !== old);
      if (rest.length) this.bySize.set(k, rest);
      else this.bySize.delete(k);
    }
  }
}

export function createReadCache(): ReadCache {
  return new ReadCache();
}

/** The pixels of `b` (inside a `w`-wide image), copied. */
export function cropPixels(px: Uint8Array, w: number, b: Box): BlockPixels {
  const out = new Uint8Array(b.w * b.h);
  for (let y = 0; y < b.h; y++) out.set(px.subarray((b.y + y) * w + b.x, (b.y + y) * w + b.x + b.w), y * b.w);
  return { px: out, w: b.w, h: b.h };
}
