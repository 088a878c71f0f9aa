import { YUV_WASM_BASE64 } from './yuv-wasm.js';

// The global WebAssembly object, typed here: @types/node 20 does not declare it (lib.dom does).
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmApi };

interface YuvExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  setMatrix(rv: number, gu: number, gv: number, bu: number): void;
  yuv420pToRgb(src: number, dst: number, w: number, h: number): void;
  yuv420pToRgbHalf(src: number, dst: number, w: number, h: number): void;
}

/** YUV→RGB coefficients ×4096 (see assembly/yuv.ts). */
export interface FixedCoeffs {
  rv: number;
  gu: number;
  gv: number;
  bu: number;
}

let exports: YuvExports | null | undefined;

/** The compiled module, instantiated once per process; null where WebAssembly SIMD is missing. */
function yuvModule(): YuvExports | null {
  if (exports === undefined) {
    try {
      const module = new wasm.Module(Buffer.from(YUV_WASM_BASE64, 'base64'));
      exports = new wasm.Instance(module, {}).exports as YuvExports;
    } catch {
      exports = null;
    }
  }
  return exports;
}

export const simdAvailable = (): boolean => yuvModule() !== null;

/**
 * yuv420p → RGB24 in WebAssembly SIMD (~4× the speed of the JS loop, copies in and out included:
 * ~2 ms for a 720p frame), or null when unavailable. The frame is copied into the module's memory
 * (which grows to the largest frame seen and stays) and the result out of it, so calls never share
 * a buffer.
 */
export function yuv420pToRgbSimd(yuv: Uint8Array, width: number, height: number, yuvBytes: number, c: FixedCoeffs): Buffer | null {
  return convert(yuv, yuvBytes, width * height * 3, c, (m, dst) => m.yuv420pToRgb(0, dst, width, height));
}

/** The half-size conversion (see yuv420pToRgbHalf in ../yuv.ts) likewise; null when unavailable. */
export function yuv420pToRgbHalfSimd(yuv: Uint8Array, width: number, height: number, yuvBytes: number, c: FixedCoeffs): Buffer | null {
  const rgbBytes = Math.ceil(width / 2) * Math.ceil(height / 2) * 3;
  return convert(yuv, yuvBytes, rgbBytes, c, (m, dst) => m.yuv420pToRgbHalf(0, dst, width, height));
}

function convert(yuv: Uint8Array, yuvBytes: number, rgbBytes: number, c: FixedCoeffs, run: (m: YuvExports, dst: number) => void): Buffer | null {
  const m = yuvModule();
  if (!m) return null;
  const dst = (yuvBytes + 15) & ~15; // the SIMD loops read and write inside the planes
  const need = dst + rgbBytes;
  const have = m.memory.buffer.byteLength;
  if (need > have) m.memory.grow(Math.ceil((need - have) / 65536));
  new Uint8Array(m.memory.buffer, 0, yuvBytes).set(yuv.subarray(0, yuvBytes));
  m.setMatrix(c.rv, c.gu, c.gv, c.bu);
  run(m, dst);
  const out = Buffer.allocUnsafe(rgbBytes);
  out.set(new Uint8Array(m.memory.buffer, dst, rgbBytes));
  return out;
}
