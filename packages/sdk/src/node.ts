import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import type { UploadFile } from './upload.js';

const TYPES: Record<string, string> = { '.webm': 'video/webm', '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.mkv': 'video/x-matroska' };

/** A local file as an upload, streamed from disk when sent (the API sniffs the real type; this is a hint). */
export async function fileFromPath(path: string): Promise<UploadFile> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  return {
    name: basename(path),
    size: info.size,
    type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    stream: () => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
  };
}
