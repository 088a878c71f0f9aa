import { describe, expect, it } from 'vitest';
import { multipartBody, type UploadProgress } from '../src/index.js';

function fileOf(chunks: string[], name = 'clip "1".webm') {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  return {
    name,
    size: bytes.reduce((n, b) => n + b.byteLength, 0),
    type: 'video/webm',
    stream: () => new ReadableStream<Uint8Array>({ start(c) { for (const b of bytes) c.enqueue(b); c.close(); } }),
  };
}

describe('multipart upload body', () => {
  it('is a form a multipart parser reads back, fields first, with progress per chunk', async () => {
    const progress: UploadProgress[] = [];
    const { body, contentType } = multipartBody(
      { title: 'Pay — “broken”', seedUrl: 'https://example.com/cart', notes: 'line 1\r\nline 2', timeline: [{ t: 0, type: 'navigate', url: 'https://example.com' }], durationMs: 1200 },
      fileOf(['abc', 'defg']),
      (p) => progress.push(p),
    );
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('title')).toBe('Pay — “broken”');
    expect(form.get('seedUrl')).toBe('https://example.com/cart');
    expect(form.get('notes')).toBe('line 1\r\nline 2');
    expect(JSON.parse(String(form.get('timeline')))).toEqual([{ t: 0, type: 'navigate', url: 'https://example.com' }]);
    expect(form.get('durationMs')).toBe('1200');
    expect(form.has('agentTarget')).toBe(false);
    const file = form.get('file') as File;
    expect(await file.text()).toBe('abcdefg');
    expect(file.type).toBe('video/webm');
    expect(file.name).toBe('clip "1".webm'); // percent-encoded on the wire, decoded by the parser
    expect(progress).toEqual([{ loaded: 0, total: 7 }, { loaded: 3, total: 7 }, { loaded: 7, total: 7 }]);
  });

  it('takes a Blob as the file and a timeline given as JSON text', async () => {
    const { body, contentType } = multipartBody({ title: 't', seedUrl: 'https://e.com', timeline: '[]' }, new Blob(['xyz'], { type: 'video/mp4' }));
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('timeline')).toBe('[]');
    expect(await (form.get('file') as File).text()).toBe('xyz');
  });
});
