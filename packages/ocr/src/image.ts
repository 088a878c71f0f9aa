import sharp, { type Sharp } from 'sharp';
import { flatten } from './flatten.js';
import { autoScale } from './scale.js';
import type { Box, OcrImage, ReadOptions } from './types.js';

/**
 * How the gray area becomes dark text on white before Tesseract sees it. 'flatten' (flatten.ts): every flat
 * background — page, card, bar, button fill — turns white and text dark on it, whatever the colours;
 * 'invert': the whole area inverted when its mean is dark, else left as it is. Measured in
 * bench/results/ocr-engines.md.
 */
export type Preparation = 'flatten' | 'invert';

/** What the engine reads: an 8-bit gray PNM (P5), and how to map its pixels back to the input image. */
export interface Prepared {
  pgm: Buffer;
  /** The read area in the input image's pixels. */
  area: Box;
  scale: number;
  /** The area's RGB pixels, at screen scale, with `ReadOptions.looks`. */
  rgb?: Uint8Array;
}

/** 'invert': below this mean gray level an area is light text on dark. */
const DARK = 128;
const MAX_SCALE = 4;
function decoder(image: OcrImage): Sharp {
  if (image.width === undefined || image.height === undefined) return sharp(image.data);
  const channels = image.data.length / (image.width * image.height);
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new RangeError(`raw image of ${image.data.length} bytes is not 1, 3 or 4 channels of ${image.width}×${image.height}`);
  }
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels } });
}

async function size(image: OcrImage): Promise<{ width: number; height: number }> {
  if (image.width !== undefined && image.height !== undefined) return { width: image.width, height: image.height };
  const m = await sharp(image.data).metadata();
  if (!m.width || !m.height) throw new RangeError('image has no size (not an image sharp can decode?)');
  return { width: m.width, height: m.height };
}

function clamp(r: Box, width: number, height: number): Box {
  const x = Math.max(0, Math.floor(r.x));
  const y = Math.max(0, Math.floor(r.y));
  return { x, y, w: Math.max(0, Math.min(width, Math.ceil(r.x + r.w)) - x), h: Math.max(0, Math.min(height, Math.ceil(r.y + r.h)) - y) };
}

const gray = (data: Buffer, width: number, height: number) => sharp(data, { raw: { width, height, channels: 1 } });

function invertIfDark(px: Buffer): void {
  let sum = 0;
  for (let i = 0; i < px.length; i++) sum += px[i]!;
  if (sum / px.length < DARK) for (let i = 0; i < px.length; i++) px[i] = 255 - px[i]!;
}

/** The read area's pixels, cropped, gray and made dark text on white (`preparation`), at screen scale. */
export interface Flattened {
  px: Uint8Array;
  area: Box;
  /** The upscale the read will use. */
  scale: number;
  /** The area's RGB pixels, with `ReadOptions.looks`. */
  rgb?: Uint8Array;
}

/** Crop → gray → dark text on white (`preparation`). Null for an area under 2 × 2 px. */
export async function flattenArea(image: OcrImage, options: ReadOptions = {}, preparation: Preparation = 'flatten'): Promise<Flattened | null> {
  const { width, height } = await size(image);
  const area = clamp(options.region ?? { x: 0, y: 0, w: width, h: height }, width, height);
  if (area.w < 2 || area.h < 2) return null;
  const wanted = options.scale ?? 'auto';
  const scale = wanted === 'auto' ? autoScale(area.w, area.h) : wanted;
  if (!(scale > 0 && scale <= MAX_SCALE)) throw new RangeError(`scale must be in (0, ${MAX_SCALE}], got ${scale}`);

  let pipeline = decoder(image);
  if (area.w !== width || area.h !== height) pipeline = pipeline.extract({ left: area.x, top: area.y, width: area.w, height: area.h });
  // With looks wanted, the area is decoded once, in colour, and made gray from that (the same gray pixels).
  const rgb = options.looks ? await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer() : undefined;
  const px: Buffer = rgb
    ? await sharp(rgb, { raw: { width: area.w, height: area.h, channels: 3 } }).toColourspace('b-w').raw().toBuffer()
    : await pipeline.removeAlpha().toColourspace('b-w').raw().toBuffer();
  const colour = rgb ? { rgb: new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.length) } : {};
  if (preparation === 'flatten') return { px: flatten(px, area.w, area.h), area, scale, ...colour };
  invertIfDark(px);
  return { px: new Uint8Array(px.buffer, px.byteOffset, px.length), area, scale, ...colour };
}

/** Gray pixels → upscaled (lanczos3) 8-bit PNM (P5) for the engine; binarizing is left to Tesseract. */
export async function toPgm(px: Uint8Array, width: number, height: number, scale: number): Promise<{ pgm: Buffer; scale: number }> {
  let out = Buffer.from(px.buffer, px.byteOffset, px.length);
  let w = width;
  let h = height;
  if (scale !== 1) {
    w = Math.round(width * scale);
    h = Math.round(height * scale);
    out = await gray(out, width, height).resize(w, h, { kernel: 'lanczos3' }).toColourspace('b-w').raw().toBuffer();
  }
  if (out.length !== w * h) throw new Error(`expected ${w}×${h} gray pixels, got ${out.length} bytes`);
  const header = Buffer.from(`P5\n${w} ${h}\n255\n`, 'ascii');
  return { pgm: Buffer.concat([header, out]), scale: w / width };
}

/**
 * Crop → gray → dark text on white (`preparation`) → upscale (lanczos3); binarizing is left to Tesseract.
 * Null for an area under 2 × 2 px.
 */
export async function prepare(image: OcrImage, options: ReadOptions = {}, preparation: Preparation = 'flatten'): Promise<Prepared | null> {
  const f = await flattenArea(image, options, preparation);
  if (!f) return null;
  const { pgm, scale } = await toPgm(f.px, f.area.w, f.area.h, f.scale);
  return { pgm, area: f.area, scale, ...(f.rgb ? { rgb: f.rgb } : {}) };
}

/** A box in the prepared image's pixels → the input image's pixels. */
export function toInput(box: Box, p: Pick<Prepared, 'area' | 'scale'>): Box {
  const x0 = Math.round(p.area.x + box.x / p.scale);
  const y0 = Math.round(p.area.y + box.y / p.scale);
  const x1 = Math.round(p.area.x + (box.x + box.w) / p.scale);
  const y1 = Math.round(p.area.y + (box.y + box.h) / p.scale);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
