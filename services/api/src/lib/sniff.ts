import { Transform, type TransformCallback } from 'node:stream';
import type { VideoMimeType } from '@claude-scope/contracts';
import { HttpError } from './errors.js';

const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const SNIFF_BYTES = 64;

/**
 * The container from the first bytes, whatever the client claimed: EBML with a `webm` or `matroska`
 * DocType, or an ISO BMFF `ftyp` box (QuickTime's `qt  ` brand is not MP4). Undefined → not supported.
 */
export function sniffVideo(head: Buffer): VideoMimeType | undefined {
  if (head.subarray(0, 4).equals(EBML_MAGIC)) {
    const text = head.toString('latin1');
    if (text.includes('webm')) return 'video/webm';
    if (text.includes('matroska')) return 'video/x-matroska';
    return undefined;
  }
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    const brand = head.toString('latin1', 8, 12);
    return brand === 'qt  ' ? undefined : 'video/mp4';
  }
  return undefined;
}

/** Passes bytes through once the head has been identified; fails the stream with 415 otherwise. */
export class VideoSniffer extends Transform {
  mimeType: VideoMimeType | undefined;
  private head: Buffer[] = [];
  private headLength = 0;
  bytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.mimeType) return done(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return done();
    this.decide(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.mimeType) return done();
    this.decide(done);
  }

  private decide(done: TransformCallback) {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.mimeType = sniffVideo(head);
    if (!this.mimeType) {
      return done(new HttpError(415, 'file must be a WebM, MP4 or Matroska video (checked by content, not by name)'));
    }
    done(null, head);
  }
}
