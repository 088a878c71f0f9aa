import sharp, { type Sharp } from 'sharp';
import { autoScale } from './scale.js';
import type { Box, OcrImage, ReadOptions } from './types.js';

/** What the engine reads: an 8-bit gray PNM (P5), and how to map its pixels back to the input image. */
export interface Prepared {
  pgm: Buffer;
  /** The read area in the input image's pixels. */
  area: Box;
  scale: number;
  /** The area was mostly dark (dark theme, coloured button) and was inverted to dark text on light. */
  inverted: boolean;
}

/** Below this mean gray level an area is treated as light text on a dark background. */
const DARK_MEAN = 128;
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

/**
 * Crop → gray → invert when dark → upscale, as one sharp pipeline plus a pass over the gray bytes.
 * Tesseract binarizes globally, so light-on-dark text is made dark-on-light here. Null for an empty area.
 */
export async function prepare(image: OcrImage, options: ReadOptions = {}): Promise<Prepared | null> {
  const { width, height } = await size(image);
  const area = clamp(options.region ?? { x: 0, y: 0, w: width, h: height }, width, height);
  if (area.w < 2 || area.h < 2) return null;
  const wanted = options.scale ?? 'auto';
  const scale = wanted === 'auto' ? autoScale(area.w, area.h) : wanted;
  if (!(scale > 0 && scale <= MAX_SCALE)) throw new RangeError(`scale must be in (0, ${MAX_SCALE}], got ${scale}`);

  let pipeline = decoder(image);
  if (area.w !== width || area.h !== height) pipeline = pipeline.extract({ left: area.x, top: area.y, width: area.w, height: area.h });
  pipeline = pipeline.removeAlpha().grayscale();
  if (scale !== 1) pipeline = pipeline.resize(Math.round(area.w * scale), Math.round(area.h * scale), { kernel: 'lanczos3' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected 1 gray channel, got ${info.channels}`);

  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  const inverted = sum / data.length < DARK_MEAN;
  if (inverted) for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;

  const header = Buffer.from(`P5\n${info.width} ${info.height}\n255\n`, 'ascii');
  return { pgm: Buffer.concat([header, data]), area, scale: info.width / area.w, inverted };
}

/** A box in the prepared image's pixels → the input image's pixels. */
export function toInput(box: Box, p: Pick<Prepared, 'area' | 'scale'>): Box {
  const x0 = p.area.x + box.x / p.scale;
  const y0 = p.area.y + box.y / p.scale;
  const x1 = p.area.x + (box.x + box.w) / p.scale;
  const y1 = p.area.y + (box.y + box.h) / p.scale;
  return { x: Math.round(x0), y: Math.round(y0), w: Math.round(x1) - Math.round(x0), h: Math.round(y1) - Math.round(y0) };
}
