import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ok, type Api } from '../api.js';
import { parse, sessionIdArg } from '../args.js';
import { CliError, EXIT, usage } from '../exit.js';
import { createOut } from '../output.js';

/** Every frame's full-resolution PNG (GET /sessions/:id/frames/:frameId/image), named by step and time. */
export async function frames(api: Api, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' } });
  const id = sessionIdArg(positionals);
  if (!values.out) throw usage('--out DIR is required');
  const s = ok(await api.sdk.GET('/api/sessions/{id}', { params: { path: { id } } }));
  const out = createOut(values.json === true);
  if (s.status === 'processing') throw new CliError(EXIT.ERROR, `${id} is still processing: no frames yet (claude-scope sessions show ${id}).`);
  mkdirSync(values.out, { recursive: true });
  const written: { step: number; timestamp: number; url: string; file: string }[] = [];
  const sorted = [...s.frames].sort((a, b) => a.timestamp - b.timestamp);
  const width = String(sorted.length).length;
  for (const [i, f] of sorted.entries()) {
    const image = ok(await api.sdk.GET('/api/sessions/{id}/frames/{frameId}/image', { params: { path: { id, frameId: f.id } }, parseAs: 'arrayBuffer' }));
    const file = path.join(values.out, `step-${String(i + 1).padStart(Math.max(2, width), '0')}-${f.timestamp}ms.png`);
    writeFileSync(file, Buffer.from(image as ArrayBuffer));
    written.push({ step: i + 1, timestamp: f.timestamp, url: f.url, file });
    if (!out.json) out.info(`${file}`);
  }
  if (out.json) out.data({ sessionId: id, frames: written });
  else out.result(`Wrote ${written.length} frame(s) to ${values.out}.`);
  return EXIT.OK;
}
