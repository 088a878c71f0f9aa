import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '@claude-scope/pipeline';
import { makeTestVideo, startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { Stack } from './harness.js';

/** Upload → S3 → flow → lanes → synthesis → Postgres → API, on real processes and services. */
describe('recording pipeline', () => {
  const stack = new Stack();
  let demo: DemoApp;
  let video: string;

  beforeAll(async () => {
    demo = await startDemoApp();
    video = (await makeTestVideo({ durationMs: 6000, width: 640, height: 360, format: 'webm', changesAtMs: [1500, 3000, 4500] })).path;
    await stack.start();
    await stack.spawnWorker();
  });
  afterAll(async () => {
    await stack.stop();
    await demo?.close();
  });

  it('answers a synchronous upload with 200 and the complete result', async () => {
    const user = await stack.signup();
    const res = await stack.upload(user.auth, video, { title: 'Login flow', seedUrl: `${demo.url}/login`, notes: 'The toast is missing' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      sessionId: expect.stringMatching(/^sess_[A-Z0-9]{8}$/),
      status: 'complete',
      title: 'Login flow',
      seedUrl: `${demo.url}/login`,
      agentTarget: 'CLAUDE_CODE',
      mimeType: 'video/webm',
      urls: [`${demo.url}/login`],
      urlCount: 1,
    });
    expect(r.fileSize).toBeGreaterThan(1000);
    expect(r.duration).toBeCloseTo(6, 0);
    expect(r.processingMs).toBeGreaterThan(0);
    expect(r.prompt.length).toBeGreaterThan(200);
    expect(r.frameCount).toBe(r.frames.length);
    expect(r.frames.length).toBeGreaterThanOrEqual(2);
    const ts = r.frames.map((f: { timestamp: number }) => f.timestamp);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    for (const f of r.frames) {
      expect(f.thumbnailUrl).toMatch(/^data:image\/png;base64,/);
      expect(f.url).toBe(`${demo.url}/login`);
      expect(f.ariaTree.length).toBeGreaterThan(0);
      expect(f.id).toMatch(/^frm_[A-Z0-9]{12}$/);
    }
    expect(r.processingStatus).toMatchObject({
      overallStage: 'complete',
      videoLane: { status: 'complete', progress: 100 },
      playwrightLane: { status: 'complete', progress: 100 },
      synthesis: { status: 'complete', progress: 100 },
    });

    const session = await stack.get(user.auth, `/api/sessions/${r.sessionId}`);
    expect(session).toMatchObject({ status: 'complete', frameCount: r.frames.length, processingTime: r.processingMs, lastError: null });
    expect(session.frames.map((f: { id: string }) => f.id)).toEqual(r.frames.map((f: { id: string }) => f.id));
    // Full-resolution images are stored per frame; the raw recording is gone once processed.
    const keys = await stack.app.storage.listKeys(`sessions/${r.sessionId}/frames/`);
    expect(keys).toHaveLength(r.frames.length);
    const { rows } = await stack.app.db.$client.query('select recording_key from sessions where id = $1', [r.sessionId]);
    expect(await stack.app.storage.listKeys(rows[0].recording_key)).toEqual([]);

    // Operations see it: the worker's lane histograms and job counters, the API's queue gauges.
    const workerMetrics = await (await fetch(`http://127.0.0.1:${stack.workers[0]!.healthPort}/metrics`)).text();
    for (const lane of JOB_NAMES) {
      expect(workerMetrics).toMatch(new RegExp(`claude_scope_lane_duration_seconds_count\\{lane="${lane}",outcome="completed"\\} [1-9]`));
      expect(workerMetrics).toMatch(new RegExp(`claude_scope_jobs_total\\{queue="${lane}",outcome="completed"\\} [1-9]`));
    }
    const apiMetrics = await (await fetch(`${stack.apiUrl}/metrics`)).text();
    expect(apiMetrics).toMatch(/bullmq_job_count\{queue="synthesize",state="completed"\} [1-9]/);
    expect(apiMetrics).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/recordings",status_code="200"\} 1/);
  });

  it('renders any agent format from the stored analysis, and serves full-resolution frame images', async () => {
    const user = await stack.signup();
    const res = await stack.upload(user.auth, video, { title: 'Formats', seedUrl: `${demo.url}/login`, agentTarget: 'CODEX' });
    expect(res.status).toBe(200);
    const id = res.body.sessionId;
    const prompts: Record<string, string> = {};
    for (const agentTarget of ['CLAUDE_CODE', 'CODEX', 'CURSOR', 'RAW']) {
      const p = await stack.get(user.auth, `/api/sessions/${id}/prompt?agentTarget=${agentTarget}`);
      expect(p.agentTarget).toBe(agentTarget);
      prompts[agentTarget] = p.prompt;
    }
    expect(prompts.CODEX).toBe(res.body.prompt); // the stored prompt is the session's own agent
    expect(new Set(Object.values(prompts)).size).toBe(4);
    expect(prompts.CLAUDE_CODE).toContain('<');
    expect(prompts.RAW).not.toMatch(/<\/?[a-z_]+>|^#/m);

    // PATCH follows the contract (nothing derived) unless the client opts in with ?rerender=true.
    const patch = (query: string, body: object, auth = user.auth) =>
      fetch(`${stack.apiUrl}/api/sessions/${id}${query}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const plain = await (await patch('', { agentTarget: 'CURSOR' })).json();
    expect(plain).toMatchObject({ agentTarget: 'CURSOR', prompt: res.body.prompt });
    const rerendered = await (await patch('?rerender=true', { agentTarget: 'RAW', title: 'Formats, raw' })).json();
    expect(rerendered).toMatchObject({ agentTarget: 'RAW', title: 'Formats, raw' });
    // The re-rendered prompt carries the new title, and any later rendering does too.
    expect(rerendered.prompt).toContain('Formats, raw');
    expect(rerendered.prompt).not.toBe(prompts.RAW);
    const again = await fetch(`${stack.apiUrl}/api/sessions/${id}/prompt?agentTarget=RAW`, { headers: user.auth });
    expect((await again.json()).prompt).toBe(rerendered.prompt);
    const conflict = await patch('?rerender=true', { agentTarget: 'CODEX', prompt: 'mine' });
    expect(conflict.status).toBe(400);
    expect((await conflict.json()).message).toBe('prompt cannot be given with rerender=true');
    expect((await patch('?rerender=true', { agentTarget: 'CODEX' }, (await stack.signup()).auth)).status).toBe(404);
    // Settings apply to prompts rendered after they change: without screenshots the prompt shrinks.
    await fetch(`${stack.apiUrl}/api/settings`, { method: 'PATCH', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ includeScreenshots: false }) });
    const lean = await (await patch('?rerender=true', {})).json();
    expect(lean.agentTarget).toBe('RAW');
    expect(lean.prompt.length).toBeLessThan(prompts.RAW!.length);
    expect(lean.prompt).not.toContain('data:image/png;base64');

    const frame = res.body.frames[0];
    const img = await fetch(`${stack.apiUrl}/api/sessions/${id}/frames/${frame.id}/image`, { headers: user.auth });
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await img.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const other = await stack.signup();
    expect((await fetch(`${stack.apiUrl}/api/sessions/${id}/frames/${frame.id}/image`, { headers: other.auth })).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/api/sessions/${id}/prompt`, { headers: other.auth })).status).toBe(404);
  });

  it('answers 202 at once in async mode and moves through every stage while the client polls', async () => {
    const user = await stack.signup();
    for (const opts of [{ query: '?wait=false' }, { headers: { prefer: 'respond-async' } }]) {
      const res = await stack.upload(user.auth, video, { title: 'Async', seedUrl: `${demo.url}/login` }, opts);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'processing', frames: [], prompt: '', frameCount: 0 });
      expect(res.body.processingStatus.overallStage).toBe('queued');
      const seen = await stack.pollStatus(user.auth, res.body.sessionId);
      const last = seen.at(-1);
      expect(last.sessionStatus).toBe('complete');
      expect(last.processingStatus.overallStage).toBe('complete');
      expect(last.lastError).toBeNull();
      const order = ['queued', 'analyzing', 'synthesizing', 'complete'];
      const stages = seen.map((s) => order.indexOf(s.processingStatus.overallStage));
      expect(stages).toEqual([...stages].sort((a, b) => a - b)); // never goes backwards
      for (const s of seen) {
        for (const lane of ['videoLane', 'playwrightLane', 'synthesis']) {
          const l = s.processingStatus[lane];
          expect(l.progress).toBeGreaterThanOrEqual(0);
          expect(l.progress).toBeLessThanOrEqual(100);
          for (const v of Object.values(l)) expect(v).not.toBeNull();
        }
      }
    }
  });
});
