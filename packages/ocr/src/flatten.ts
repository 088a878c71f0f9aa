/**
 * UI backgrounds are flat colours: a page, a card, a header bar, a button's fill. Each connected run of
 * near-equal gray (|Δ| ≤ TOLERANCE from where it was entered, ≥ MIN_AREA px) is a background and comes out
 * white; every other pixel (text, icons, anti-aliased edges) comes out as its distance from the background
 * it sits on — its nearest background pixel to the left in its row, else to the right — dark whatever the
 * polarity. So white-on-blue, dark-theme and dark-on-light text all become dark on white, and a button's fill
 * leaves no filled box behind (Tesseract drops text enclosed in one).
 */
const TOLERANCE = 6;
const MIN_AREA = 400;
const GAIN = 2;

export function flatten(px: Uint8Array, w: number, h: number): Uint8Array {
  const n = w * h;
  const region = new Int32Array(n).fill(-1);
  const isBg = new Uint8Array(n);
  const level = new Uint8Array(n);
  const stack = new Int32Array(n);
  const members = new Int32Array(n);
  let id = 0;
  for (let start = 0; start < n; start++) {
    if (region[start] !== -1) continue;
    const seed = px[start]!;
    let top = 0;
    let count = 0;
    stack[top++] = start;
    region[start] = id;
    while (top > 0) {
      const i = stack[--top]!;
      members[count++] = i;
      const x = i % w;
      // The 4 neighbours, unrolled (this loop runs once per pixel).
      if (x > 0 && region[i - 1] === -1 && Math.abs(px[i - 1]! - seed) <= TOLERANCE) (region[i - 1] = id), (stack[top++] = i - 1);
      if (x < w - 1 && region[i + 1] === -1 && Math.abs(px[i + 1]! - seed) <= TOLERANCE) (region[i + 1] = id), (stack[top++] = i + 1);
      if (i >= w && region[i - w] === -1 && Math.abs(px[i - w]! - seed) <= TOLERANCE) (region[i - w] = id), (stack[top++] = i - w);
      if (i + w < n && region[i + w] === -1 && Math.abs(px[i + w]! - seed) <= TOLERANCE) (region[i + w] = id), (stack[top++] = i + w);
    }
    if (count >= MIN_AREA) for (let k = 0; k < count; k++) (isBg[members[k]!] = 1), (level[members[k]!] = seed);
    id++;
  }
  const out = new Uint8Array(n);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let first = -1;
    for (let x = 0; x < w; x++) if (isBg[row + x]) { first = level[row + x]!; break; }
    let bg = first < 0 ? 255 : first;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      if (isBg[i]) {
        bg = level[i]!;
        out[i] = 255;
      } else out[i] = Math.max(0, 255 - Math.abs(px[i]! - bg) * GAIN);
    }
  }
  return out;
}
