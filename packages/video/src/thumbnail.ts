import sharp, { type Sharp } from 'sharp';
import { limits } from './limits.js';

/** A PNG data URL of `png` scaled so its longest side is at most `maxSide` (never enlarged). */
export async function thumbnail(png: string, maxSide = 640, o: { signal?: AbortSignal } = {}): Promise<string> {
  return limits.sharp.use(() => thumbnailOf(sharp(png), maxSide), o.signal);
}

/** The same from an image already open in sharp (the caller holds the sharp slot). */
export async function thumbnailOf(img: Sharp, maxSide = 640): Promise<string> {
  const buf = await img
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .png({ compressionLevel: 6 }) // 9 took 1.6× as long for 10 % less
    .toBuffer();
  return `data:image/png;base64,${buf.toString('base64')}`;
}
