import { describeChanges } from '@claude-scope/aria';
import type { AriaNode } from '@claude-scope/contracts';
import { ok, type Api } from '../api.js';
import { parse, sessionIdArg } from '../args.js';
import { EXIT } from '../exit.js';
import { createOut } from '../output.js';

/** The session's steps: time, URL and what changed in the accessibility tree (from each frame's diff marks). */
export async function timeline(api: Api, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {});
  const id = sessionIdArg(positionals);
  const s = ok(await api.sdk.GET('/api/sessions/{id}', { params: { path: { id } } }));
  const steps = [...s.frames]
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((f, i) => ({ step: i + 1, frameId: f.id, timestamp: f.timestamp, url: f.url, diffSummary: f.diffSummary, changes: describeChanges(f.ariaTree as AriaNode[]) }));
  const out = createOut(values.json === true);
  if (out.json) out.data({ sessionId: id, status: s.status, steps });
  else {
    if (s.status === 'processing') out.info(`${id} is still processing; the steps so far:`);
    if (!steps.length) out.info('No steps.');
    for (const st of steps) {
      const d = st.diffSummary;
      out.result(`${String(st.step).padStart(3)}  ${(st.timestamp / 1000).toFixed(1).padStart(6)} s  ${st.url}  +${d.added} ~${d.changed} -${d.removed}`);
      for (const c of st.changes) out.result(`       ${c}`);
    }
  }
  return EXIT.OK;
}
