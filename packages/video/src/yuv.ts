/** Which YUV→RGB matrix a stream uses; untagged streams are BT.601, as ffmpeg assumes. */
export type ColorMatrix = 'bt601' | 'bt709';

const COEFFS: Record<ColorMatrix, { rv: number; gu: number; gv: number; bu: number }> = {
  bt601: { rv: 1.596, gu: -0.392, gv: -0.813, bu: 2.017 },
  bt709: { rv: 1.793, gu: -0.213, gv: -0.533, bu: 2.112 },
};

const SHIFT = 12; // fixed point: values scaled by 4096
const OFF = 1024; // CLAMP is indexed by value + OFF: results span about −300…+560
const CLAMP = Uint8Array.from({ length: 3 * OFF }, (_, i) => Math.max(0, Math.min(255, i - OFF)));

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
 * its 2×2 luma block like ffmpeg's fast path. Integer tables, chroma terms once per row pair and a
 * clamp table: it runs on full-resolution frames (~20 ms at 1080p), though only on keyframes.
 */
export function yuv420pToRgb(yuv: Uint8Array, width: number, height: number, matrix: ColorMatrix = 'bt601'): Buffer {
  const out = Buffer.allocUnsafe(width * height * 3);
  convertRows(yuv, width, height, tables(matrix), out, 0, height);
  return out;
}

/**
 * The same in slices of `rows` rows, yielding to the event loop between them: the analysis keeps
 * reading ffmpeg's pipe meanwhile, where one 20–50 ms block would stall the decode.
 */
export async function yuv420pToRgbAsync(
  yuv: Uint8Array,
  width: number,
  height: number,
  matrix: ColorMatrix = 'bt601',
  o: { rows?: number; stats?: { busyMs: number } } = {},
): Promise<Buffer> {
  const out = Buffer.allocUnsafe(width * height * 3);
  const t = tables(matrix);
  const rows = o.rows ?? 128;
  for (let y = 0; y < height; y += rows) {
    if (y > 0) await new Promise((r) => setImmediate(r));
    const s = performance.now();
    convertRows(yuv, width, height, t, out, y, Math.min(height, y + rows));
    if (o.stats) o.stats.busyMs += performance.now() - s;
  }
  return out;
}

/** Rows [y0, y1) of the frame into `out`. */
function convertRows(yuv: Uint8Array, width: number, height: number, t: Tables, out: Buffer, y0: number, y1: number): void {
  const ty = t.y;
  const cw = (width + 1) >> 1;
  const uBase = width * height;
  const vBase = uBase + cw * ((height + 1) >> 1);
  const cr = new Int32Array(cw);
  const cg = new Int32Array(cw);
  const cb = new Int32Array(cw);
  for (let y = y0; y < y1; y++) {
    if ((y & 1) === 0 || y === y0) {
      const row = (y >> 1) * cw;
      for (let c = 0; c < cw; c++) {
        const u = yuv[uBase + row + c]!;
        const v = yuv[vBase + row + c]!;
        cr[c] = t.rv[v]!;
        cg[c] = t.gu[u]! + t.gv[v]!;
        cb[c] = t.bu[u]!;
      }
    }
    for (let x = 0, i = y * width, o = i * 3; x < width; x++, i++, o += 3) {
      const l = ty[yuv[i]!]!;
      const c = x >> 1;
      out[o] = CLAMP[((l + cr[c]!) >> SHIFT) + OFF]!;
      out[o + 1] = CLAMP[((l + cg[c]!) >> SHIFT) + OFF]!;
      out[o + 2] = CLAMP[((l + cb[c]!) >> SHIFT) + OFF]!;
    }
  }
}
