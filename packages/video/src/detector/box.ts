/** Axis-aligned pixel rectangle: x0/y0 inclusive, x1/y1 exclusive. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const boxWidth = (b: Box) => b.x1 - b.x0;
export const boxHeight = (b: Box) => b.y1 - b.y0;

export function union(a: Box | null, b: Box | null): Box | null {
  if (!a) return b;
  if (!b) return a;
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

export function sameBox(a: Box, b: Box): boolean {
  return a.x0 === b.x0 && a.y0 === b.y0 && a.x1 === b.x1 && a.y1 === b.y1;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

export function contains(b: Box, x: number, y: number): boolean {
  return x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;
}

/** `b` grown by `pad` on every side, clipped to a width×height frame. */
export function grow(b: Box, pad: number, width: number, height: number): Box {
  return {
    x0: Math.max(0, b.x0 - pad),
    y0: Math.max(0, b.y0 - pad),
    x1: Math.min(width, b.x1 + pad),
    y1: Math.min(height, b.y1 + pad),
  };
}

/** Squared distance between box centres (for "nearest" picks). */
export function centreDistance2(a: Box, b: Box): number {
  const dx = (a.x0 + a.x1 - b.x0 - b.x1) / 2;
  const dy = (a.y0 + a.y1 - b.y0 - b.y1) / 2;
  return dx * dx + dy * dy;
}

/** Grows a running bounding box to include pixel (x, y). */
export class BoxBuilder {
  private x0 = Infinity;
  private y0 = Infinity;
  private x1 = -Infinity;
  private y1 = -Infinity;

  add(x: number, y: number): void {
    if (x < this.x0) this.x0 = x;
    if (y < this.y0) this.y0 = y;
    if (x >= this.x1) this.x1 = x + 1;
    if (y >= this.y1) this.y1 = y + 1;
  }

  addBox(b: Box | null): void {
    if (!b) return;
    this.add(b.x0, b.y0);
    this.add(b.x1 - 1, b.y1 - 1);
  }

  build(): Box | null {
    return this.x1 > this.x0 ? { x0: this.x0, y0: this.y0, x1: this.x1, y1: this.y1 } : null;
  }
}
