import type { AgentTarget } from './types.js';

/** A recording to upload: a File/Blob, or anything with a stream (see `fileFromPath` in `@claude-scope/sdk/node`). */
export interface UploadFile {
  name?: string;
  /** Bytes, when known: progress then has a total. */
  size?: number;
  type?: string;
  stream(): ReadableStream<Uint8Array>;
}

/** The timeline event shape API.md documents (validated by the API). */
export type TimelineEvent =
  | { t: number; type: 'navigate'; url: string }
  | { t: number; type: 'click'; role: string; name: string }
  | { t: number; type: 'fill'; role: string; name: string; value: string }
  | { t: number; type: 'press'; key: string }
  | { t: number; type: 'scroll'; dy: number };

export interface UploadFields {
  title: string;
  seedUrl: string;
  notes?: string;
  agentTarget?: AgentTarget;
  /** Events, or their JSON text as read from a file. */
  timeline?: TimelineEvent[] | string;
  durationMs?: number;
}

export interface UploadProgress {
  /** File bytes handed to the connection so far. */
  loaded: number;
  total: number | undefined;
}

const encoder = new TextEncoder();

/** RFC 7578 / HTML: quotes and line breaks in a part's name or filename are percent-encoded. */
const quote = (s: string) => `"${s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/** The text fields, in the order the API's docs show them, skipping what was not given. */
function textParts(fields: UploadFields): [string, string][] {
  const parts: [string, string | undefined][] = [
    ['title', fields.title],
    ['seedUrl', fields.seedUrl],
    ['notes', fields.notes],
    ['agentTarget', fields.agentTarget],
    ['timeline', typeof fields.timeline === 'string' || fields.timeline === undefined ? fields.timeline : JSON.stringify(fields.timeline)],
    ['durationMs', fields.durationMs === undefined ? undefined : String(fields.durationMs)],
  ];
  return parts.filter((p): p is [string, string] => p[1] !== undefined);
}

/**
 * A multipart/form-data body streamed from the file (never held in memory), text fields first, with
 * progress counted as the connection pulls the file's bytes.
 */
export function multipartBody(
  fields: UploadFields,
  file: UploadFile,
  onProgress?: (progress: UploadProgress) => void,
): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = `----claude-scope-${crypto.randomUUID()}`;
  let head = '';
  for (const [name, value] of textParts(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name=${quote(name)}\r\n\r\n${value}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quote(file.name ?? 'recording')}\r\n` +
    `Content-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;

  const total = file.size;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let loaded = 0;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head));
      onProgress?.({ loaded: 0, total });
    },
    async pull(controller) {
      if (done) return;
      reader ??= file.stream().getReader();
      const chunk = await reader.read();
      if (chunk.done) {
        done = true;
        controller.enqueue(encoder.encode(tail));
        controller.close();
        return;
      }
      loaded += chunk.value.byteLength;
      controller.enqueue(chunk.value);
      onProgress?.({ loaded, total });
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
