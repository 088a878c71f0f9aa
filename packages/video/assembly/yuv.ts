// AssemblyScript, compiled to WebAssembly with SIMD by scripts/build-wasm.mjs into src/wasm/yuv-wasm.ts.
// Planar yuv420p (limited range) → packed RGB24, 16 pixels at a time: the same fixed-point formula as
// src/yuv.ts (×4096, each chroma sample applied to its 2×2 luma block), clamped by saturating narrows.

const SHIFT = 12;
const ROUND: i32 = 1 << (SHIFT - 1);
const LUMA: i32 = 4768; // 1.164 × 4096

// The matrix's chroma coefficients (×4096), scalar and splatted, set by setMatrix() before converting.
let rv: i32 = 0;
let gu: i32 = 0;
let gv: i32 = 0;
let bu: i32 = 0;
let cRv = i16x8.splat(0);
let cGu = i16x8.splat(0);
let cGv = i16x8.splat(0);
let cBu = i16x8.splat(0);

/** R = Y' + rv·V', G = Y' + gu·U' + gv·V', B = Y' + bu·U' (×4096) for the conversions that follow. */
export function setMatrix(r: i32, gU: i32, gV: i32, b: i32): void {
  rv = r;
  gu = gU;
  gv = gV;
  bu = b;
  cRv = i16x8.splat(<i16>r);
  cGu = i16x8.splat(<i16>gU);
  cGv = i16x8.splat(<i16>gV);
  cBu = i16x8.splat(<i16>b);
}

/** Converts the frame at `src` (w×h luma, then U and V at ⌈w/2⌉×⌈h/2⌉) into `dst` (w×h×3 bytes). */
export function yuv420pToRgb(src: usize, dst: usize, w: i32, h: i32): void {
  const cw = (w + 1) >> 1;
  const uBase = src + <usize>(w * h);
  const vBase = uBase + <usize>(cw * ((h + 1) >> 1));
  const simdEnd = w & ~15;
  for (let y = 0; y < h; y++) {
    const yRow = src + <usize>(y * w);
    const uRow = uBase + <usize>((y >> 1) * cw);
    const vRow = vBase + <usize>((y >> 1) * cw);
    let out = dst + <usize>(y * w * 3);
    for (let x = 0; x < simdEnd; x += 16) {
      const yv = v128.load(yRow + <usize>x);
      // 8 chroma samples (widened to i16) for these 16 pixels
      const u = v128.load8x8_u(uRow + <usize>(x >> 1));
      const v = v128.load8x8_u(vRow + <usize>(x >> 1));
      rgb16(out, i16x8.extend_low_i8x16_u(yv), i16x8.extend_high_i8x16_u(yv), twiceLow(u), twiceHigh(u), twiceLow(v), twiceHigh(v));
      out += 48;
    }
    for (let x = simdEnd; x < w; x++) {
      rgb1(out, <i32>load<u8>(yRow + <usize>x), <i32>load<u8>(uRow + <usize>(x >> 1)), <i32>load<u8>(vRow + <usize>(x >> 1)));
      out += 3;
    }
  }
}

/**
 * The frame at half size (⌈w/2⌉×⌈h/2⌉ RGB24 into `dst`): each pixel is the rounded mean of a 2×2
 * luma block with that block's own chroma sample; a last odd row or column stands for itself.
 */
export function yuv420pToRgbHalf(src: usize, dst: usize, w: i32, h: i32): void {
  const cw = (w + 1) >> 1;
  const ch = (h + 1) >> 1;
  const uBase = src + <usize>(w * h);
  const vBase = uBase + <usize>(cw * ch);
  const two = i16x8.splat(2);
  const simdEnd = (w >> 1) & ~15; // output columns whose 2×2 blocks lie wholly inside the frame
  for (let cy = 0; cy < ch; cy++) {
    const r0 = src + <usize>(2 * cy * w);
    const r1 = 2 * cy + 1 < h ? r0 + <usize>w : r0;
    const uRow = uBase + <usize>(cy * cw);
    const vRow = vBase + <usize>(cy * cw);
    let out = dst + <usize>(cy * cw * 3);
    for (let cx = 0; cx < simdEnd; cx += 16) {
      const x = <usize>(2 * cx);
      // Rounded means of 2×2 blocks: pairwise sums along each row, the two rows added, (s + 2) >> 2.
      const sLo = i16x8.add(i16x8.extadd_pairwise_i8x16_u(v128.load(r0 + x)), i16x8.extadd_pairwise_i8x16_u(v128.load(r1 + x)));
      const sHi = i16x8.add(i16x8.extadd_pairwise_i8x16_u(v128.load(r0 + x, 16)), i16x8.extadd_pairwise_i8x16_u(v128.load(r1 + x, 16)));
      const u = v128.load(uRow + <usize>cx);
      const v = v128.load(vRow + <usize>cx);
      rgb16(
        out,
        i16x8.shr_u(i16x8.add(sLo, two), 2),
        i16x8.shr_u(i16x8.add(sHi, two), 2),
        i16x8.extend_low_i8x16_u(u),
        i16x8.extend_high_i8x16_u(u),
        i16x8.extend_low_i8x16_u(v),
        i16x8.extend_high_i8x16_u(v),
      );
      out += 48;
    }
    for (let cx = simdEnd; cx < cw; cx++) {
      const x0 = 2 * cx;
      const x1 = x0 + 1 < w ? x0 + 1 : x0;
      const sum = <i32>load<u8>(r0 + <usize>x0) + <i32>load<u8>(r0 + <usize>x1) + <i32>load<u8>(r1 + <usize>x0) + <i32>load<u8>(r1 + <usize>x1);
      rgb1(out, (sum + 2) >> 2, <i32>load<u8>(uRow + <usize>cx), <i32>load<u8>(vRow + <usize>cx));
      out += 3;
    }
  }
}

/** Chroma samples 0–3 of 8 (widened: i16x8), each twice: one per pixel of its pair. */
// @ts-ignore: decorator
@inline
function twiceLow(s: v128): v128 {
  return i16x8.shuffle(s, s, 0, 0, 1, 1, 2, 2, 3, 3);
}

/** Chroma samples 4–7 of 8, each twice. */
// @ts-ignore: decorator
@inline
function twiceHigh(s: v128): v128 {
  return i16x8.shuffle(s, s, 4, 4, 5, 5, 6, 6, 7, 7);
}

/**
 * 16 pixels from their luma (Y) and chroma (U, V) as unsigned i16x8 halves → 48 bytes R G B … at
 * `out`. Every value is a sum of ×4096 terms, shifted back and clamped by saturating narrows.
 */
// @ts-ignore: decorator
@inline
function rgb16(out: usize, yLo: v128, yHi: v128, uLo: v128, uHi: v128, vLo: v128, vHi: v128): void {
  const k16 = i16x8.splat(16);
  const k128 = i16x8.splat(128);
  const luma = i16x8.splat(<i16>LUMA);
  const round = i32x4.splat(ROUND);
  const y0 = i16x8.sub(yLo, k16);
  const y1 = i16x8.sub(yHi, k16);
  // Luma terms of the 4 groups of 4 pixels, rounding included.
  const l0 = i32x4.add(i32x4.extmul_low_i16x8_s(y0, luma), round);
  const l1 = i32x4.add(i32x4.extmul_high_i16x8_s(y0, luma), round);
  const l2 = i32x4.add(i32x4.extmul_low_i16x8_s(y1, luma), round);
  const l3 = i32x4.add(i32x4.extmul_high_i16x8_s(y1, luma), round);
  const u0 = i16x8.sub(uLo, k128);
  const u1 = i16x8.sub(uHi, k128);
  const v0 = i16x8.sub(vLo, k128);
  const v1 = i16x8.sub(vHi, k128);
  const r = pack(
    i32x4.add(l0, i32x4.extmul_low_i16x8_s(v0, cRv)),
    i32x4.add(l1, i32x4.extmul_high_i16x8_s(v0, cRv)),
    i32x4.add(l2, i32x4.extmul_low_i16x8_s(v1, cRv)),
    i32x4.add(l3, i32x4.extmul_high_i16x8_s(v1, cRv)),
  );
  const g = pack(
    i32x4.add(l0, i32x4.add(i32x4.extmul_low_i16x8_s(u0, cGu), i32x4.extmul_low_i16x8_s(v0, cGv))),
    i32x4.add(l1, i32x4.add(i32x4.extmul_high_i16x8_s(u0, cGu), i32x4.extmul_high_i16x8_s(v0, cGv))),
    i32x4.add(l2, i32x4.add(i32x4.extmul_low_i16x8_s(u1, cGu), i32x4.extmul_low_i16x8_s(v1, cGv))),
    i32x4.add(l3, i32x4.add(i32x4.extmul_high_i16x8_s(u1, cGu), i32x4.extmul_high_i16x8_s(v1, cGv))),
  );
  const b = pack(
    i32x4.add(l0, i32x4.extmul_low_i16x8_s(u0, cBu)),
    i32x4.add(l1, i32x4.extmul_high_i16x8_s(u0, cBu)),
    i32x4.add(l2, i32x4.extmul_low_i16x8_s(u1, cBu)),
    i32x4.add(l3, i32x4.extmul_high_i16x8_s(u1, cBu)),
  );
  // Interleave: each 16 output bytes from two byte shuffles.
  const rg0 = i8x16.shuffle(r, g, 0, 16, 0, 1, 17, 0, 2, 18, 0, 3, 19, 0, 4, 20, 0, 5);
  v128.store(out, i8x16.shuffle(rg0, b, 0, 1, 16, 3, 4, 17, 6, 7, 18, 9, 10, 19, 12, 13, 20, 15));
  const rg1 = i8x16.shuffle(r, g, 21, 0, 6, 22, 0, 7, 23, 0, 8, 24, 0, 9, 25, 0, 10, 26);
  v128.store(out, i8x16.shuffle(rg1, b, 0, 21, 2, 3, 22, 5, 6, 23, 8, 9, 24, 11, 12, 25, 14, 15), 16);
  const rg2 = i8x16.shuffle(r, g, 0, 11, 27, 0, 12, 28, 0, 13, 29, 0, 14, 30, 0, 15, 31, 0);
  v128.store(out, i8x16.shuffle(rg2, b, 26, 1, 2, 27, 4, 5, 28, 7, 8, 29, 10, 11, 30, 13, 14, 31), 32);
}

/** One pixel, the scalar path of rgb16 (frame edges narrower than 16 pixels). */
// @ts-ignore: decorator
@inline
function rgb1(out: usize, y: i32, u: i32, v: i32): void {
  const l = (y - 16) * LUMA + ROUND;
  const cu = u - 128;
  const cv = v - 128;
  store<u8>(out, clamp((l + rv * cv) >> SHIFT));
  store<u8>(out, clamp((l + gu * cu + gv * cv) >> SHIFT), 1);
  store<u8>(out, clamp((l + bu * cu) >> SHIFT), 2);
}

/** 16 i32 sums (×4096) → 16 bytes: shifted back, then i32 → i16 → u8 with saturation (clamps to 0–255). */
// @ts-ignore: decorator
@inline
function pack(s0: v128, s1: v128, s2: v128, s3: v128): v128 {
  const a = i16x8.narrow_i32x4_s(i32x4.shr_s(s0, SHIFT), i32x4.shr_s(s1, SHIFT));
  const b = i16x8.narrow_i32x4_s(i32x4.shr_s(s2, SHIFT), i32x4.shr_s(s3, SHIFT));
  return i8x16.narrow_i16x8_u(a, b);
}

// @ts-ignore: decorator
@inline
function clamp(v: i32): u8 {
  return <u8>(v < 0 ? 0 : v > 255 ? 255 : v);
}
