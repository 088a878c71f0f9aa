import { yuv420pToRgbHalfSimd, yuv420pToRgbSimd, type FixedCoeffs } from './wasm/yuv.js';

/** Which YUV→RGB matrix a stream uses; untagged streams are BT.601, as ffmpeg assumes. */
export type ColorMatrix = 'bt601' | 'bt709';

const COEFFS: Record<ColorMatrix, { rv: number; gu: number; gv: number; bu: number }> = {
  bt601: { rv: 1.596, gu: -0.392, gv: -0.813, bu: 2.017 },
  bt709: { rv: 1.793, gu: -0.213, gv: -0.533, bu: 2.112 },
};

/** Bytes of a planar yuv420p frame: luma, then U and V at half size, rounded up. */
export const yuv420pSize = (w: number, h: number) => w * h + 2 * Math.ceil(w / 2) * Math.ceil(h / 2);

const SHIFT = 12; // fixed point: values scaled by 4096

const fixed = (m: ColorMatrix): FixedCoeffs => {
  const c = COEFFS[m];
  const k = (x: number) => Math.round(x * (1 << SHIFT));
  return { rv: k(c.rv), gu: k(c.gu), gv: k(c.gv), bu: k(c.bu) };
};
const FIXED: Record<ColorMatrix, FixedCoeffs> = { bt601: fixed('bt601'), bt709: fixed('bt709') };

interface Tables {
  y: Int32Array;
  rv: Int32Array;
  gu: Int32Array;
  gv: Int32Array;
  bu: Int32Array;
}
const cache = new Map<ColorMatrix, Tables>();

function tables(m: ColorMatrix): Tables {
  let t = cache.get(m);
  if (!t) {
    const c = COEFFS[m];
    const of = (f: (i: number) => number) => Int32Array.from({ length: 256 }, (_, i) => Math.round(f(i) * (1 << SHIFT)));
    t = {
      y: of((i) => 1.164 * (i - 16) + 0.5), // +0.5: round, the shift truncates
      rv: of((i) => c.rv * (i - 128)),
      gu: of((i) => c.gu * (i - 128)),
      gv: of((i) => c.gv * (i - 128)),
      bu: of((i) => c.bu * (i - 128)),
    };
    cache.set(m, t);
  }
  return t;
}

/**
 * Planar yuv420p (limited range, as decoders hand out) → packed RGB24, each chroma sample applied to
 * its 2×2 luma block like ffmpeg's fast path. WebAssembly SIMD (assembly/yuv.ts, ~2 ms for a 720p
 * frame, copies included) where the runtime has it, else the JS loop below (~10 ms); they differ by
 * at most 1 level.
 */
export function yuv420pToRgb(yuv: Uint8Array, width: number, height: number, matrix: ColorMatrix = 'bt601'): Buffer {
  return yuv420pToRgbSimd(yuv, width, height, yuv420pSize(width, height), FIXED[matrix]) ?? yuv420pToRgbJs(yuv, width, height, matrix);
}

/** The JS loop: integer tables, chroma terms once per pixel pair, a clamped array for the clamping. */
export function yuv420pToRgbJs(yuv: Uint8Array, width: number, height: number, matrix: ColorMatrix = 'bt601'): Buffer {
  const out = new Uint8ClampedArray(width * height * 3);
  convertRows(yuv, width, height, tables(matrix), out, 0, height);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * The same, off the critical path of the analysis: in one go with SIMD (a millisecond or two); the
 * JS loop runs in slices of `rows` rows instead, yielding to the event loop between them, so the
 * analysis keeps reading ffmpeg's pipe meanwhile (one 20–50 ms block would stall the decode).
 */
export async function yuv420pToRgbAsync(
  yuv: Uint8Array,
  width: number,
  height: number,
  matrix: ColorMatrix = 'bt601',
  o: { rows?: number; stats?: { busyMs: number } } = {},
): Promise<Buffer> {
  const s0 = performance.now();
  const simd = yuv420pToRgbSimd(yuv, width, height, yuv420pSize(width, height), FIXED[matrix]);
  if (simd) {
    if (o.stats) o.stats.busyMs += performance.now() - s0;
    return simd;
  }
  const out = new Uint8ClampedArray(width * height * 3);
  const t = tables(matrix);
  const rows = o.rows ?? 128;
  for (let y = 0; y < height; y += rows) {
    if (y > 0) await new Promise((r) => setImmediate(r));
    const s = performance.now();
    convertRows(yuv, width, height, t, out, y, Math.min(height, y + rows));
    if (o.stats) o.stats.busyMs += performance.now() - s;
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Rows [y0, y1) of the frame into `out`. A Uint8ClampedArray clamps each store to 0–255 itself, which
 * halved the time of the clamp-table version (~11 ms for a 720p frame); each chroma sample's three
 * terms are looked up once for its two pixels of the row.
 */
function convertRows(yuv: Uint8Array, width: number, height: number, t: Tables, out: Uint8ClampedArray, y0: number, y1: number): void {
  const { y: ty, rv, gu, gv, bu } = t;
  const cw = (width + 1) >> 1;
  const uBase = width * height;
  const vBase = uBase + cw * ((height + 1) >> 1);
  for (let y = y0; y < y1; y++) {
    const crow = (y >> 1) * cw;
    let i = y * width;
    let o = i * 3;
    const end = i + width;
    for (let c = 0; i < end; c++) {
      const u = yuv[uBase + crow + c]!;
      const v = yuv[vBase + crow + c]!;
      const r = rv[v]!;
      const g = gu[u]! + gv[v]!;
      const b = bu[u]!;
      let l = ty[yuv[i++]!]!;
      out[o++] = (l + r) >> SHIFT;
      out[o++] = (l + g) >> SHIFT;
      out[o++] = (l + b) >> SHIFT;
      if (i < end) {
        l = ty[yuv[i++]!]!;
        out[o++] = (l + r) >> SHIFT;
        out[o++] = (l + g) >> SHIFT;
        out[o++] = (l + b) >> SHIFT;
      }
    }
  }
}

/**
 * The frame at half size (⌈w/2⌉×⌈h/2⌉, packed RGB24), straight from yuv420p: each output pixel is the
 * mean of a 2×2 luma block with that block's own chroma sample — a box downscale for a quarter of the
 * conversion work. Thumbnails of frames at least twice their size start from this instead of a resize
 * of the full-size RGB. WebAssembly SIMD where the runtime has it (~7× faster), else the JS loop.
 */
export function yuv420pToRgbHalf(yuv: Uint8Array, width: number, height: number, matrix: ColorMatrix = 'bt601'): { data: Buffer; width: number; height: number } {
  const data = yuv420pToRgbHalfSimd(yuv, width, height, yuv420pSize(width, height), FIXED[matrix]);
  return data ? { data, width: (width + 1) >> 1, height: (height + 1) >> 1 } : yuv420pToRgbHalfJs(yuv, width, height, matrix);
}

/** The JS loop of yuv420pToRgbHalf. */
export function yuv420pToRgbHalfJs(yuv: Uint8Array, width: number, height: number, matrix: ColorMatrix = 'bt601'): { data: Buffer; width: number; height: number } {
  const { y: ty, rv, gu, gv, bu } = tables(matrix);
  const cw = (width + 1) >> 1;
  const ch = (height + 1) >> 1;
  const uBase = width * height;
  const vBase = uBase + cw * ch;
  const out = new Uint8ClampedArray(cw * ch * 3);
  let o = 0;
  for (let cy = 0; cy < ch; cy++) {
    const r0 = 2 * cy * width;
    const r1 = 2 * cy + 1 < height ? r0 + width : r0; // a last odd row stands for itself
    for (let cx = 0; cx < cw; cx++) {
      const x0 = 2 * cx;
      const x1 = x0 + 1 < width ? x0 + 1 : x0;
      const l = ty[(yuv[r0 + x0]! + yuv[r0 + x1]! + yuv[r1 + x0]! + yuv[r1 + x1]! + 2) >> 2]!;
      const u = yuv[uBase + cy * cw + cx]!;
      const v = yuv[vBase + cy * cw + cx]!;
      out[o++] = (l + rv[v]!) >> SHIFT;
      out[o++] = (l + gu[u]! + gv[v]!) >> SHIFT;
      out[o++] = (l + bu[u]!) >> SHIFT;
    }
  }
  return { data: Buffer.from(out.buffer, out.byteOffset, out.byteLength), width: cw, height: ch };
}
