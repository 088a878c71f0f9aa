import { CHROME_SHARE, type BrowserChrome } from './chrome.js';
import { area, grow, intersection, union, type Box } from './geometry.js';

/** What to read on one keyframe: some areas, or (null) the whole frame. */
export type ReadPlan = Box[] | null;

/** Past this share of the frame changed, reading it whole costs about the same and misses nothing. */
const FULL_READ_SHARE = 0.35;
/** Margin around a changed region: text cut by its edge is read whole. A line runs on beside what changed (a
 * typed character changes only its own pixels), so the margin is wide. */
const MARGIN = 12;
const LINE_MARGIN = 200;
/** Around the pointer: the label it rests on and its neighbours. */
const POINTER_HALF_W = 160;
const POINTER_HALF_H = 28;

/**
 * Read whole frames only where needed (the first, a navigation or full repaint); otherwise the changed regions
 * (with a margin; the whole address bar when it changed) and the pointer's neighbourhood. Overlapping areas are
 * merged so no text is read twice.
 */
export function planReads(
  index: number,
  regions: readonly Box[],
  frame: { width: number; height: number },
  o: { chrome?: BrowserChrome | null; pointer?: { x: number; y: number } } = {},
): ReadPlan {
  if (index === 0) return null;
  const changed = regions.reduce((s, r) => s + area(r), 0);
  if (changed >= FULL_READ_SHARE * frame.width * frame.height) return null;
  let areas = regions.map((r) => clamp({ x: r.x - LINE_MARGIN, y: r.y - MARGIN, w: r.w + 2 * LINE_MARGIN, h: r.h + 2 * MARGIN }, frame));
  const bar = o.chrome?.addressBar;
  if (bar) areas = areas.map((a) => (intersection(a, bar) > 0 ? union(a, { x: 0, y: bar.y - 4, w: frame.width, h: bar.h + 8 }) : a));
  if (o.pointer && areas.length > 0) {
    const { x, y } = o.pointer;
    areas.push(grow({ x: x - POINTER_HALF_W, y: y - POINTER_HALF_H, w: 2 * POINTER_HALF_W, h: 2 * POINTER_HALF_H }, 0, frame));
  }
  return mergeOverlapping(areas.map((a) => clamp(a, frame)).filter((a) => a.w > 0 && a.h > 0));
}

function clamp(b: Box, f: { width: number; height: number }): Box {
  const x = Math.max(0, Math.min(f.width, b.x));
  const y = Math.max(0, Math.min(f.height, b.y));
  return { x, y, w: Math.max(0, Math.min(f.width, b.x + b.w) - x), h: Math.max(0, Math.min(f.height, b.y + b.h) - y) };
}

function mergeOverlapping(boxes: Box[]): Box[] {
  const out = [...boxes];
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        if (intersection(out[i]!, out[j]!) > 0) {
          out[i] = union(out[i]!, out[j]!);
          out.splice(j, 1);
          merged = true;
          break outer;
        }
      }
    }
  }
  return out;
}

/**
 * Whether the address bar, once found, could change this plan: only an area reaching into the top strip where
 * a bar can be (`findChrome`) is widened to it. A plan that cannot be changed is read without waiting for the
 * first keyframe's reading, which is what finds the bar.
 */
export function mayTouchChrome(plan: ReadPlan, frame: { height: number }): boolean {
  return plan !== null && plan.some((a) => a.y < frame.height * CHROME_SHARE);
}
