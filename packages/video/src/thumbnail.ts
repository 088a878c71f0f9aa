import sharp from 'sharp';
import { limits } from './limits.js';

/** A PNG data URL of `png` scaled so its longest side is at most `maxSide` (never enlarged). */
export async function thumbnail(png: string, maxSide = 640, o: { signal?: AbortSignal } = {}): Promise<string> {
  const buf = await limits.sharp.use(
    () =>
      sharp(png)
        .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
        .png({ compressionLevel: 9 })
        .toBuffer(),
    o.signal,
  );
  return `data:image/png;base64,${buf.toString('base64')}`;
}
