/** A rectangle in a frame's pixels (x, y: top-left). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const area = (b: Box) => b.w * b.h;
export const right = (b: Box) => b.x + b.w;
export const bottom = (b: Box) => b.y + b.h;
export const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(right(a), right(b)) - x, h: Math.max(bottom(a), bottom(b)) - y };
}

export function intersection(a: Box, b: Box): number {
  const w = Math.min(right(a), right(b)) - Math.max(a.x, b.x);
  const h = Math.min(bottom(a), bottom(b)) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Most of `inner` lies inside `outer` (a word inside a changed region). */
export const mostlyInside = (inner: Box, outer: Box, share = 0.5) => intersection(inner, outer) >= share * area(inner);

export function grow(b: Box, by: number, limit?: { width: number; height: number }): Box {
  const x = Math.max(0, b.x - by);
  const y = Math.max(0, b.y - by);
  const r = limit ? Math.min(limit.width, right(b) + by) : right(b) + by;
  const d = limit ? Math.min(limit.height, bottom(b) + by) : bottom(b) + by;
  return { x, y, w: r - x, h: d - y };
}

/** Distance from a point to a box (0 inside it). */
export function distanceTo(b: Box, p: { x: number; y: number }): number {
  const dx = Math.max(b.x - p.x, 0, p.x - right(b));
  const dy = Math.max(b.y - p.y, 0, p.y - bottom(b));
  return Math.hypot(dx, dy);
}

/** Where in the frame a box sits, in words: "at the top right", "in the centre". */
export function placeOf(b: Box, frame: { width: number; height: number }): string {
  const c = centre(b);
  const col = c.x < frame.width / 3 ? 'left' : c.x > (2 * frame.width) / 3 ? 'right' : '';
  const row = c.y < frame.height / 3 ? 'top' : c.y > (2 * frame.height) / 3 ? 'bottom' : '';
  if (!row && !col) return 'in the centre';
  return `at the ${[row, col].filter(Boolean).join(' ')}`;
}
