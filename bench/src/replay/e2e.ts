import { readFileSync } from 'node:fs';
import type { TimelineEvent } from '@claude-scope/testkit';
import type { Stack } from '../stack.js';

type Lane = 'videoLane' | 'visionLane' | 'playwrightLane' | 'synthesis';
const LANES: readonly Lane[] = ['videoLane', 'visionLane', 'playwrightLane', 'synthesis'];

interface Answer {
  status?: string;
  sessionId: string;
  sessionStatus?: string;
  processingStatus: Partial<Record<Lane, { startedAt?: string; completedAt?: string }>> | null;
}

export interface EndToEnd {
  /** Request → the session complete (the synchronous upload's answer, or the status poll that saw it end). */
  ms: number;
  status: string;
  lanesMs: Partial<Record<Lane, number>>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One recording uploaded as a user would (POST /recordings, waiting for the result), with or without its timeline. */
export async function endToEnd(stack: Stack, file: string, seedUrl: string, timeline: TimelineEvent[] | null): Promise<EndToEnd> {
  const form = new FormData();
  form.append('title', 'bench:replay');
  form.append('seedUrl', seedUrl);
  if (timeline) form.append('timeline', JSON.stringify(timeline));
  form.append('file', new Blob([readFileSync(file)]), 'recording.webm');
  const t0 = performance.now();
  const res = await fetch(`${stack.base}/api/recordings`, { method: 'POST', headers: stack.auth, body: form });
  let body = (await res.json()) as Answer;
  if (res.status !== 200 && res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(body)}`);
  // 202: still processing after the synchronous wait; poll as a client does.
  while ((body.status ?? body.sessionStatus) === 'processing') {
    await sleep(200);
    body = (await (await fetch(`${stack.base}/api/sessions/${body.sessionId}/status`, { headers: stack.auth })).json()) as Answer;
  }
  const ms = performance.now() - t0;
  const lanesMs: EndToEnd['lanesMs'] = {};
  for (const k of LANES) {
    const l = body.processingStatus?.[k];
    if (l?.startedAt && l.completedAt) lanesMs[k] = Date.parse(l.completedAt) - Date.parse(l.startedAt);
  }
  return { ms: Math.round(ms), status: body.status ?? body.sessionStatus ?? '?', lanesMs };
}
