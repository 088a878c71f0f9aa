/** Connected components (4-neighbour) of a binary map, as bounding boxes with the mean probability inside each. */
export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Mean of the probability map over the bounding box (PaddleOCR's box_score_fast on an upright box). */
  score: number;
}

export function components(prob: Float32Array, width: number, height: number, threshold: number): Component[] {
  const on = new Uint8Array(width * height);
  for (let i = 0; i < on.length; i++) on[i] = prob[i]! > threshold ? 1 : 0;
  const stack = new Int32Array(width * height);
  const out: Component[] = [];
  for (let start = 0; start < on.length; start++) {
    if (!on[start]) continue;
    on[start] = 0;
    let top = 0;
    stack[top++] = start;
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (x > 0 && on[p - 1]) (on[p - 1] = 0), (stack[top++] = p - 1);
      if (x < width - 1 && on[p + 1]) (on[p + 1] = 0), (stack[top++] = p + 1);
      if (y > 0 && on[p - width]) (on[p - width] = 0), (stack[top++] = p - width);
      if (y < height - 1 && on[p + width]) (on[p + width] = 0), (stack[top++] = p + width);
    }
    let sum = 0;
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) sum += prob[y * width + x]!;
    out.push({ x0, y0, x1, y1, score: sum / ((x1 - x0 + 1) * (y1 - y0 + 1)) });
  }
  return out;
}
