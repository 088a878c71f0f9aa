import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { StatusResponse } from '@claude-scope/contracts';
import type { Api } from './api.js';
import { usage } from './exit.js';

export interface UploadFields {
  path: string;
  seedUrl: string;
  title?: string | undefined;
  notes?: string | undefined;
  agentTarget?: string | undefined;
  timelinePath?: string | undefined;
}

const TYPES: Record<string, string> = { '.webm': 'video/webm', '.mp4': 'video/mp4', '.mkv': 'video/x-matroska' };

/**
 * POST /api/recordings?wait=false as a streamed multipart body (the file is never held in memory), calling
 * `onProgress` as its bytes leave. Answers the new session's id at once; see waitForSession.
 */
export async function uploadRecording(api: Api, f: UploadFields, onProgress?: (sent: number, total: number) => void): Promise<string> {
  let size: number;
  try {
    const st = statSync(f.path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw usage(`Cannot read ${f.path}: no such file`);
  }
  const fields: [string, string][] = [
    ['title', f.title ?? path.basename(f.path)],
    ['seedUrl', f.seedUrl],
  ];
  if (f.notes !== undefined) fields.push(['notes', f.notes]);
  if (f.agentTarget !== undefined) fields.push(['agentTarget', f.agentTarget]);
  if (f.timelinePath !== undefined) {
    let timeline: string;
    try {
      timeline = readFileSync(f.timelinePath, 'utf8');
      if (!Array.isArray(JSON.parse(timeline))) throw new Error('not an array');
    } catch {
      throw usage(`${f.timelinePath} is not a JSON array of timeline events`);
    }
    fields.push(['timeline', timeline]);
  }
  const boundary = `----claude-scope-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const enc = new TextEncoder();
  const head = enc.encode(
    fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(f.path).replace(/["\r\n]/g, '_')}"\r\n` +
      `Content-Type: ${TYPES[path.extname(f.path).toLowerCase()] ?? 'application/octet-stream'}\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const total = head.length + size + tail.length;
  let sent = 0;
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield head;
    sent += head.length;
    for await (const chunk of createReadStream(f.path, { highWaterMark: 256 * 1024 })) {
      const bytes = chunk as Buffer;
      yield new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      sent += bytes.length;
      onProgress?.(sent, total);
    }
    yield tail;
    onProgress?.(total, total);
  }
  const res = await api.request('POST', '/api/recordings', {
    query: { wait: false },
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(total) },
    body: ReadableStream.from(parts()),
  });
  const body = (await res.json()) as { sessionId: string };
  return body.sessionId;
}

export const isFinished = (s: StatusResponse) => s.sessionStatus !== 'processing';

/** Polls the status route (every 2 s, as the contract asks) until the session completes or fails. */
export async function waitForSession(api: Api, sessionId: string, onStatus?: (s: StatusResponse) => void, intervalMs = 2000): Promise<StatusResponse> {
  for (;;) {
    const { data } = await api.json<StatusResponse>('GET', `/api/sessions/${encodeURIComponent(sessionId)}/status`);
    onStatus?.(data);
    if (isFinished(data)) return data;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
