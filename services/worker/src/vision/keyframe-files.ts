import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import type { Storage } from '@claude-scope/storage';
import { COMPARE_WIDTH, type GrayImage } from '@claude-scope/vision';

/** Copies a keyframe's PNG from storage into the job's temp dir (read again by OCR; never whole in memory twice). */
export async function fetchKeyframe(storage: Storage, key: string, dir: string, name: string, signal: AbortSignal): Promise<string> {
  const file = path.join(dir, `${name}.png`);
  await pipeline(await storage.getStream(key), createWriteStream(file), { signal });
  return file;
}

/** The keyframe downscaled to gray, for finding where it differs from the one before. */
export async function grayOf(file: string): Promise<GrayImage> {
  const { data, info } = await sharp(file).resize({ width: COMPARE_WIDTH }).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

export const readKeyframe = (file: string) => readFile(file);
