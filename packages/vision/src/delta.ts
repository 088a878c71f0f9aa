import type { FrameAction } from '@claude-scope/contracts';
import { sameText } from './fields.js';
import { mostlyInside, type Box } from './geometry.js';
import type { Scene } from './infer.js';
import { samePlace, type Line } from './lines.js';
import { isWordy, type Delta } from './evidence.js';

// What changed between two keyframes' lines, before any rule reads it: the lines paired (compare) and content
// shifted as a whole (scrolled).

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Lines inside the changed regions, before and after, paired: first by their text (a line that moved — a list
 * grew above it, the page scrolled — or only changed its look), then by place (its text changed); the rest
 * appeared or disappeared.
 */
export function compare(before: readonly Line[], after: readonly Line[], regions: readonly Box[]): Delta {
  const inside = (l: Line) => isWordy(l.text) && regions.some((g) => mostlyInside(l.box, g));
  const b = before.filter(inside);
  const a = after.filter(inside);
  const used = new Set<Line>();
  const paired = new Set<Line>();
  const was = new Map<Line, Line>();
  const delta: Delta = { appeared: [], disappeared: [], changed: [], restyled: [], was };
  for (const l of a) {
    let match: Line | undefined;
    let best = Infinity;
    for (const x of b) {
      if (used.has(x) || !sameText(x.text, l.text)) continue;
      const d = Math.abs(x.box.y - l.box.y) + Math.abs(x.box.x - l.box.x);
      if (d < best) [match, best] = [x, d];
    }
    if (!match) continue;
    used.add(match);
    paired.add(l);
    if (samePlace(match.box, l.box)) {
      delta.restyled.push(l);
      was.set(l, match);
    }
  }
  for (const l of a) {
    if (paired.has(l)) continue;
    const match = b.find((x) => !used.has(x) && samePlace(x.box, l.box));
    if (!match) {
      delta.appeared.push(l);
      continue;
    }
    used.add(match);
    delta.changed.push({ before: match, after: l });
  }
  delta.disappeared = b.filter((x) => !used.has(x));
  return delta;
}

/** Content shifted as a whole: the same lines, all moved by about the same height. */
export function scrolled(before: readonly Line[], after: readonly Line[], scene: Scene, t: number): FrameAction | null {
  const shifts: number[] = [];
  for (const a of after) {
    const same = before.filter((b) => norm(b.text) === norm(a.text) && norm(a.text).length >= 3);
    if (same.length !== 1) continue;
    const b = same[0]!;
    if (Math.abs(b.box.x - a.box.x) <= 3 && Math.abs(b.box.y - a.box.y) > 8) shifts.push(a.box.y - b.box.y);
  }
  if (shifts.length < 3) return null;
  shifts.sort((x, y) => x - y);
  const median = shifts[shifts.length >> 1]!;
  const agree = shifts.filter((s) => Math.abs(s - median) <= 4).length;
  if (agree < 3 || agree < 0.6 * shifts.length || Math.abs(median) > scene.height) return null;
  // Content moving up (negative shift) is a scroll down.
  return { t, type: 'scroll', dy: -median, source: 'video', confidence: 0.7 };
}
