import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { VideoMimeType } from '@claude-scope/contracts';
import type { Storage } from '@claude-scope/storage';
import { HttpError } from './errors.js';
import { RECORDING_TEXT_FIELDS } from './recording-fields.js';
import { VideoSniffer } from './sniff.js';

export interface ReceivedRecording {
  fields: Record<string, string>;
  size: number;
  mimeType: VideoMimeType;
}

const ALLOWED = new Set<string>(RECORDING_TEXT_FIELDS);
const FIELD_BYTES = 1024 * 1024;

/**
 * Reads the multipart body part by part. The file is piped through the content sniffer straight into an S3
 * multipart upload at `key` — never held whole in memory; text fields may come before or after it. On a
 * failure the partial multipart upload is aborted; removing a completed object is the caller's one cleanup
 * path (see accept-recording.ts), whatever step failed.
 */
export async function receiveRecording(
  request: FastifyRequest,
  storage: Storage,
  { key, maxBytes }: { key: string; maxBytes: number },
): Promise<ReceivedRecording> {
  const fields: Record<string, string> = {};
  let stored: { size: number; mimeType: VideoMimeType } | undefined;
  const abort = new AbortController();
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: FIELD_BYTES, parts: 25 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new HttpError(400, `${part.fieldname} is not an allowed field (the video goes in "file")`);
        if (stored) throw new HttpError(400, 'file must be sent once');
        const sniffer = new VideoSniffer();
        const piping = pipeline(part.file, sniffer).catch((err: unknown) => {
          sniffer.destroy(err as Error);
          throw err;
        });
        const uploading = storage.putStream(key, sniffer, { contentType: 'application/octet-stream', signal: abort.signal });
        const [pipeResult, uploadResult] = await Promise.allSettled([piping, uploading]);
        // The size limit and the sniffer's 415 surface on the pipe; they explain the failure best.
        if (pipeResult.status === 'rejected') throw sizeError(pipeResult.reason, maxBytes) ?? pipeResult.reason;
        if (uploadResult.status === 'rejected') throw sizeError(uploadResult.reason, maxBytes) ?? uploadResult.reason;
        if (part.file.truncated) throw tooLarge(maxBytes);
        stored = { size: sniffer.bytes, mimeType: sniffer.mimeType! };
      } else {
        if (!ALLOWED.has(part.fieldname)) throw new HttpError(400, `${part.fieldname} is not an allowed field`);
        if (typeof part.value !== 'string') throw new HttpError(400, `${part.fieldname} must be a string`);
        if (part.valueTruncated) throw new HttpError(413, `${part.fieldname} is larger than the ${formatBytes(FIELD_BYTES)} form field limit`);
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    abort.abort();
    throw multipartError(err, maxBytes);
  }
  if (!stored) throw new HttpError(400, 'file is required');
  if (stored.size === 0) throw new HttpError(400, 'file must not be empty');
  return { fields, ...stored };
}

const tooLarge = (maxBytes: number) =>
  new HttpError(413, `recording is larger than the ${formatBytes(maxBytes)} upload limit`);

function sizeError(err: unknown, maxBytes: number): HttpError | undefined {
  const code = (err as { code?: string } | null)?.code;
  return code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge(maxBytes) : undefined;
}

/** Maps @fastify/multipart's own limit errors to the contract's statuses. */
function multipartError(err: unknown, maxBytes: number): unknown {
  if (err instanceof HttpError) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return new HttpError(400, 'file must be sent once');
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return new HttpError(400, 'too many form fields');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new HttpError(415, 'body must be multipart/form-data');
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') return new HttpError(400, 'a form field declared as JSON is not valid JSON');
  const message = (err as { message?: unknown } | null)?.message;
  if (!code && typeof message === 'string' && MALFORMED_MULTIPART.test(message)) {
    const why = /oundary|needle/.test(message) ? 'a missing, empty or overlong boundary' : message.replace(/\.$/, '');
    return new HttpError(400, `body is not valid multipart/form-data (${why})`);
  }
  return err;
}

/**
 * busboy's parse errors carry no code: a missing, empty or overlong boundary, a body that ends early,
 * a malformed part header. A client's mistake (400), unlike anything else thrown while reading.
 */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Boundary required|The needle cannot|Unexpected end of|Malformed|Unsupported Content-Type|\w+ terminated early)/;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}
