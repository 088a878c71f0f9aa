import type { Box } from './geometry.js';

/** The pointer's sprite fits in this (px, at recording size): a changed region no bigger near it is the pointer. */
const POINTER_MAX = 48;

/**
 * Regions where only the pointer differs between two keyframes: no bigger than the pointer, and it was there at
 * the start or end of the interval (or moved through in between). Dropped, so the pointer is never "a change".
 */
export function withoutPointer(regions: readonly Box[], pointer: readonly { t: number; x: number; y: number }[], from: number, to: number): Box[] {
  if (pointer.length === 0) return [...regions];
  let at: { x: number; y: number } | undefined;
  const seen: { x: number; y: number }[] = [];
  for (const p of pointer) {
    if (p.t <= from) at = p;
    else if (p.t <= to) seen.push(p);
    else break;
  }
  if (at) seen.push(at);
  return regions.filter((r) => {
    if (r.w > POINTER_MAX || r.h > POINTER_MAX) return true;
    return !seen.some((p) => p.x >= r.x - 16 && p.x <= r.x + r.w + 16 && p.y >= r.y - 16 && p.y <= r.y + r.h + 16);
  });
}
