import sharp from 'sharp';

/** A box a smaller picture of a frame fits in. */
export interface ThumbnailBox {
  width: number;
  height: number;
}

const KEPT = 2000;
// By frame id and box: a stored frame never changes its picture, so a made thumbnail stays right.
const made = new Map<string, Buffer>();

/**
 * A frame's stored thumbnail (a PNG data URL) made smaller, as WebP, to fit `box`: for pictures shown small, where
 * the stored one would weigh ten times as much. Kept in memory (bounded, oldest out first).
 */
export async function smallerThumbnail(frameId: string, dataUrl: string, box: ThumbnailBox): Promise<Buffer> {
  const key = `${frameId}:${box.width}x${box.height}`;
  const hit = made.get(key);
  if (hit) return hit;
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const webp = await sharp(png).resize({ ...box, fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
  if (made.size >= KEPT) made.delete(made.keys().next().value!);
  made.set(key, webp);
  return webp;
}
