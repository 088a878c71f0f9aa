// AssemblyScript, compiled to WebAssembly with SIMD by scripts/build-wasm.mjs into src/wasm/yuv-wasm.ts.
// Planar yuv420p (limited range) → packed RGB24, 16 pixels at a time: the same fixed-point formula as
// src/yuv.ts (×4096, each chroma sample applied to its 2×2 luma block), clamped by saturating narrows.

const SHIFT = 12;
const ROUND: i32 = 1 << (SHIFT - 1);
const LUMA: i32 = 4768; // 1.164 × 4096

/**
 * Converts the frame at `src` (w×h luma, then U and V at ⌈w/2⌉×⌈h/2⌉) into `dst`
 * (w×h×3 bytes). Coefficients are ×4096: R = Y' + rv·V', G = Y' + gu·U' + gv·V', B = Y' + bu·U'.
 */
export function yuv420pToRgb(src: usize, dst: usize, w: i32, h: i32, rv: i32, gu: i32, gv: i32, bu: i32): void {
  const cw = (w + 1) >> 1;
  const uBase = src + <usize>(w * h);
  const vBase = uBase + <usize>(cw * ((h + 1) >> 1));
  const luma = i16x8.splat(<i16>LUMA);
  const k16 = i16x8.splat(16);
  const k128 = i16x8.splat(128);
  const round = i32x4.splat(ROUND);
  const cRv = i16x8.splat(<i16>rv);
  const cGu = i16x8.splat(<i16>gu);
  const cGv = i16x8.splat(<i16>gv);
  const cBu = i16x8.splat(<i16>bu);
  const simdEnd = w & ~15;
  for (let y = 0; y < h; y++) {
    const yRow = src + <usize>(y * w);
    const uRow = uBase + <usize>((y >> 1) * cw);
    const vRow = vBase + <usize>((y >> 1) * cw);
    let out = dst + <usize>(y * w * 3);
    for (let x = 0; x < simdEnd; x += 16) {
      const yv = v128.load(yRow + <usize>x);
      const ylo = i16x8.sub(i16x8.extend_low_i8x16_u(yv), k16);
      const yhi = i16x8.sub(i16x8.extend_high_i8x16_u(yv), k16);
      const l0 = i32x4.extmul_low_i16x8_s(ylo, luma);
      const l1 = i32x4.extmul_high_i16x8_s(ylo, luma);
      const l2 = i32x4.extmul_low_i16x8_s(yhi, luma);
      const l3 = i32x4.extmul_high_i16x8_s(yhi, luma);
      // 8 chroma samples for these 16 pixels
      const u = i16x8.sub(v128.load8x8_u(uRow + <usize>(x >> 1)), k128);
      const v = i16x8.sub(v128.load8x8_u(vRow + <usize>(x >> 1)), k128);
      const rA = i32x4.add(i32x4.extmul_low_i16x8_s(v, cRv), round);
      const rB = i32x4.add(i32x4.extmul_high_i16x8_s(v, cRv), round);
      const gA = i32x4.add(i32x4.add(i32x4.extmul_low_i16x8_s(u, cGu), i32x4.extmul_low_i16x8_s(v, cGv)), round);
      const gB = i32x4.add(i32x4.add(i32x4.extmul_high_i16x8_s(u, cGu), i32x4.extmul_high_i16x8_s(v, cGv)), round);
      const bA = i32x4.add(i32x4.extmul_low_i16x8_s(u, cBu), round);
      const bB = i32x4.add(i32x4.extmul_high_i16x8_s(u, cBu), round);
      const r = channel(l0, l1, l2, l3, rA, rB);
      const g = channel(l0, l1, l2, l3, gA, gB);
      const b = channel(l0, l1, l2, l3, bA, bB);
      interleave(out, r, g, b);
      out += 48;
    }
    for (let x = simdEnd; x < w; x++) {
      const l = (<i32>load<u8>(yRow + <usize>x) - 16) * LUMA + ROUND;
      const cu = <i32>load<u8>(uRow + <usize>(x >> 1)) - 128;
      const cv = <i32>load<u8>(vRow + <usize>(x >> 1)) - 128;
      store<u8>(out, clamp((l + rv * cv) >> SHIFT));
      store<u8>(out, clamp((l + gu * cu + gv * cv) >> SHIFT), 1);
      store<u8>(out, clamp((l + bu * cu) >> SHIFT), 2);
      out += 3;
    }
  }
}

/**
 * The frame at half size (⌈w/2⌉×⌈h/2⌉ RGB24 into `dst`): each pixel is the rounded mean of a 2×2
 * luma block with that block's own chroma sample; a last odd row or column stands for itself.
 */
export function yuv420pToRgbHalf(src: usize, dst: usize, w: i32, h: i32, rv: i32, gu: i32, gv: i32, bu: i32): void {
  const cw = (w + 1) >> 1;
  const ch = (h + 1) >> 1;
  const uBase = src + <usize>(w * h);
  const vBase = uBase + <usize>(cw * ch);
  const luma = i16x8.splat(<i16>LUMA);
  const k2 = i16x8.splat(2);
  const k16 = i16x8.splat(16);
  const k128 = i16x8.splat(128);
  const round = i32x4.splat(ROUND);
  const cRv = i16x8.splat(<i16>rv);
  const cGu = i16x8.splat(<i16>gu);
  const cGv = i16x8.splat(<i16>gv);
  const cBu = i16x8.splat(<i16>bu);
  const simdEnd = (w >> 1) & ~15; // output columns whose 2×2 blocks lie wholly inside the frame
  for (let cy = 0; cy < ch; cy++) {
    const r0 = src + <usize>(2 * cy * w);
    const r1 = 2 * cy + 1 < h ? r0 + <usize>w : r0;
    const uRow = uBase + <usize>(cy * cw);
    const vRow = vBase + <usize>(cy * cw);
    let out = dst + <usize>(cy * cw * 3);
    for (let cx = 0; cx < simdEnd; cx += 16) {
      const x = <usize>(2 * cx);
      // Sums of 2×2 blocks: pairwise sums along each row, then the two rows added.
      const sLo = i16x8.add(i16x8.extadd_pairwise_i8x16_u(v128.load(r0 + x)), i16x8.extadd_pairwise_i8x16_u(v128.load(r1 + x)));
      const sHi = i16x8.add(i16x8.extadd_pairwise_i8x16_u(v128.load(r0 + x, 16)), i16x8.extadd_pairwise_i8x16_u(v128.load(r1 + x, 16)));
      const ylo = i16x8.sub(i16x8.shr_u(i16x8.add(sLo, k2), 2), k16);
      const yhi = i16x8.sub(i16x8.shr_u(i16x8.add(sHi, k2), 2), k16);
      const l0 = i32x4.extmul_low_i16x8_s(ylo, luma);
      const l1 = i32x4.extmul_high_i16x8_s(ylo, luma);
      const l2 = i32x4.extmul_low_i16x8_s(yhi, luma);
      const l3 = i32x4.extmul_high_i16x8_s(yhi, luma);
      const uv = v128.load(uRow + <usize>cx);
      const vv = v128.load(vRow + <usize>cx);
      const uLo = i16x8.sub(i16x8.extend_low_i8x16_u(uv), k128);
      const uHi = i16x8.sub(i16x8.extend_high_i8x16_u(uv), k128);
      const vLo = i16x8.sub(i16x8.extend_low_i8x16_u(vv), k128);
      const vHi = i16x8.sub(i16x8.extend_high_i8x16_u(vv), k128);
      const r = pack(
        i32x4.add(l0, i32x4.add(i32x4.extmul_low_i16x8_s(vLo, cRv), round)),
        i32x4.add(l1, i32x4.add(i32x4.extmul_high_i16x8_s(vLo, cRv), round)),
        i32x4.add(l2, i32x4.add(i32x4.extmul_low_i16x8_s(vHi, cRv), round)),
        i32x4.add(l3, i32x4.add(i32x4.extmul_high_i16x8_s(vHi, cRv), round)),
      );
      const g = pack(
        i32x4.add(l0, i32x4.add(i32x4.add(i32x4.extmul_low_i16x8_s(uLo, cGu), i32x4.extmul_low_i16x8_s(vLo, cGv)), round)),
        i32x4.add(l1, i32x4.add(i32x4.add(i32x4.extmul_high_i16x8_s(uLo, cGu), i32x4.extmul_high_i16x8_s(vLo, cGv)), round)),
        i32x4.add(l2, i32x4.add(i32x4.add(i32x4.extmul_low_i16x8_s(uHi, cGu), i32x4.extmul_low_i16x8_s(vHi, cGv)), round)),
        i32x4.add(l3, i32x4.add(i32x4.add(i32x4.extmul_high_i16x8_s(uHi, cGu), i32x4.extmul_high_i16x8_s(vHi, cGv)), round)),
      );
      const b = pack(
        i32x4.add(l0, i32x4.add(i32x4.extmul_low_i16x8_s(uLo, cBu), round)),
        i32x4.add(l1, i32x4.add(i32x4.extmul_high_i16x8_s(uLo, cBu), round)),
        i32x4.add(l2, i32x4.add(i32x4.extmul_low_i16x8_s(uHi, cBu), round)),
        i32x4.add(l3, i32x4.add(i32x4.extmul_high_i16x8_s(uHi, cBu), round)),
      );
      interleave(out, r, g, b);
      out += 48;
    }
    for (let cx = simdEnd; cx < cw; cx++) {
      const x0 = 2 * cx;
      const x1 = x0 + 1 < w ? x0 + 1 : x0;
      const sum = <i32>load<u8>(r0 + <usize>x0) + <i32>load<u8>(r0 + <usize>x1) + <i32>load<u8>(r1 + <usize>x0) + <i32>load<u8>(r1 + <usize>x1);
      const l = (((sum + 2) >> 2) - 16) * LUMA + ROUND;
      const cu = <i32>load<u8>(uRow + <usize>cx) - 128;
      const cv = <i32>load<u8>(vRow + <usize>cx) - 128;
      store<u8>(out, clamp((l + rv * cv) >> SHIFT));
      store<u8>(out, clamp((l + gu * cu + gv * cv) >> SHIFT), 1);
      store<u8>(out, clamp((l + bu * cu) >> SHIFT), 2);
      out += 3;
    }
  }
}

/** 16 values of one channel: luma terms of 4×4 pixels plus chroma terms of 2×4 samples, each for two pixels. */
// @ts-ignore: decorator
@inline
function channel(l0: v128, l1: v128, l2: v128, l3: v128, cA: v128, cB: v128): v128 {
  const s0 = i32x4.add(l0, i32x4.shuffle(cA, cA, 0, 0, 1, 1));
  const s1 = i32x4.add(l1, i32x4.shuffle(cA, cA, 2, 2, 3, 3));
  const s2 = i32x4.add(l2, i32x4.shuffle(cB, cB, 0, 0, 1, 1));
  const s3 = i32x4.add(l3, i32x4.shuffle(cB, cB, 2, 2, 3, 3));
  return pack(s0, s1, s2, s3);
}

/** 16 i32 sums (×4096, rounding included) → 16 bytes, clamped to 0–255 by saturating narrows. */
// @ts-ignore: decorator
@inline
function pack(s0: v128, s1: v128, s2: v128, s3: v128): v128 {
  const a = i16x8.narrow_i32x4_s(i32x4.shr_s(s0, SHIFT), i32x4.shr_s(s1, SHIFT));
  const b = i16x8.narrow_i32x4_s(i32x4.shr_s(s2, SHIFT), i32x4.shr_s(s3, SHIFT));
  return i8x16.narrow_i16x8_u(a, b);
}

/** 16 pixels' R, G and B bytes → 48 bytes R G B R G B … at `out`, each 16 from two byte shuffles. */
// @ts-ignore: decorator
@inline
function interleave(out: usize, r: v128, g: v128, b: v128): void {
  const rg0 = i8x16.shuffle(r, g, 0, 16, 0, 1, 17, 0, 2, 18, 0, 3, 19, 0, 4, 20, 0, 5);
  v128.store(out, i8x16.shuffle(rg0, b, 0, 1, 16, 3, 4, 17, 6, 7, 18, 9, 10, 19, 12, 13, 20, 15));
  const rg1 = i8x16.shuffle(r, g, 21, 0, 6, 22, 0, 7, 23, 0, 8, 24, 0, 9, 25, 0, 10, 26);
  v128.store(out, i8x16.shuffle(rg1, b, 0, 21, 2, 3, 22, 5, 6, 23, 8, 9, 24, 11, 12, 25, 14, 15), 16);
  const rg2 = i8x16.shuffle(r, g, 0, 11, 27, 0, 12, 28, 0, 13, 29, 0, 14, 30, 0, 15, 31, 0);
  v128.store(out, i8x16.shuffle(rg2, b, 26, 1, 2, 27, 4, 5, 28, 7, 8, 29, 10, 11, 30, 13, 14, 31), 32);
}

// @ts-ignore: decorator
@inline
function clamp(v: i32): u8 {
  return <u8>(v < 0 ? 0 : v > 255 ? 255 : v);
}
