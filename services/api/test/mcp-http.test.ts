import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { RESULT_MAX_CHARS } from '@claude-scope/mcp';
import { PNG_BASE64, seedLargeSession, seedProcessedSession, seedProcessingSession } from './agents-fixture.js';
import { createSession, signup, useTestApp, type TestUser } from './helpers.js';

const ctx = useTestApp();
let base: string;
let owner: TestUser;
let other: TestUser;
let sessionId: string;
let processingId: string;
const clients: Client[] = [];

type ToolResult = Awaited<ReturnType<Client['callTool']>> & { structuredContent?: Record<string, any>; content: any[] };

async function connect(token: string, mode?: 'auto'): Promise<Client> {
  const client = new Client({ name: 'mcp-http-test', version: '1.0.0' }, mode ? { versionNegotiation: { mode } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  clients.push(client);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult;
const text = (r: ToolResult) => r.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');
const resultSize = (r: ToolResult) => text(r).length + JSON.stringify(r.structuredContent ?? {}).length;

beforeAll(async () => {
  base = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  owner = await signup(ctx.app);
  other = await signup(ctx.app);
  sessionId = await seedProcessedSession(ctx.app, owner);
  processingId = await seedProcessingSession(ctx.app, owner);
});

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
});

describe('/mcp over streamable HTTP (stateless, Bearer auth)', () => {
  it('lists the read-only tools with output schemas, and no upload tool over HTTP', async () => {
    for (const mode of [undefined, 'auto'] as const) {
      const client = await connect(owner.token, mode);
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name).sort();
      expect(names).toEqual(['get_aria_diff', 'get_aria_snapshot', 'get_console_and_network', 'get_frame', 'get_prompt', 'get_recording', 'get_timeline', 'list_recordings']);
      for (const t of tools) {
        expect(t.annotations?.readOnlyHint, t.name).toBe(true);
        expect(t.outputSchema?.type, t.name).toBe('object');
      }
    }
  });

  it('answers every tool for a processed recording, in both protocol eras', async () => {
    for (const mode of [undefined, 'auto'] as const) {
      const client = await connect(owner.token, mode);

      const list = await call(client, 'list_recordings', { status: 'complete' });
      expect(list.isError).toBeFalsy();
      expect(list.structuredContent!.recordings.map((r: { id: string }) => r.id)).toEqual([sessionId]);

      const overview = await call(client, 'get_recording', { sessionId });
      expect(overview.structuredContent).toMatchObject({ id: sessionId, status: 'complete', stepCount: 3, urlCount: 2, retryAfterSeconds: null });
      expect(overview.structuredContent!.notes).toMatch(/password is right/);
      expect(overview.structuredContent!.processingStatus.videoLane.status).toBe('complete');
      expect(overview.structuredContent!.next.join(' ')).toMatch(/get_timeline/);

      const timeline = await call(client, 'get_timeline', { sessionId });
      const steps = timeline.structuredContent!.steps;
      expect(steps.map((s: { timeMs: number }) => s.timeMs)).toEqual([0, 2100, 5200]);
      expect(steps[1].changes).toEqual(expect.arrayContaining([expect.stringMatching(/alert "Incorrect email or password" appeared/)]));
      expect(steps[2]).toMatchObject({ url: 'http://app.test/dashboard', urlChanged: true });
      expect(timeline.structuredContent!.nextStep).toBeNull();

      const frame = await call(client, 'get_frame', { sessionId, step: 2 });
      expect(frame.content.find((c) => c.type === 'image')).toMatchObject({ mimeType: 'image/png', data: PNG_BASE64 });
      expect(frame.structuredContent).toMatchObject({ step: 2, timeMs: 2100, diffSummary: { added: 1, changed: 1, removed: 0 }, imageIncluded: true });
      expect(frame.structuredContent!.description).toMatch(/Incorrect email or password/);
      // Only marked nodes and their ancestors: the unchanged heading and button are left out.
      expect(JSON.stringify(frame.structuredContent!.diff)).not.toMatch(/"heading"/);
      expect(frame.structuredContent!.fullImagePath).toMatch(new RegExp(`^/api/sessions/${sessionId}/frames/frm_[A-Z0-9]{12}/image$`));

      const snapshot = await call(client, 'get_aria_snapshot', { sessionId, step: 1, maxDepth: 1 });
      expect(snapshot.structuredContent).toMatchObject({ depth: 1, fullDepth: 2, truncated: true, tree: [{ role: 'main', childrenOmitted: 3 }] });
      expect(text(snapshot)).toMatch(/3 children not shown/);

      const diff = await call(client, 'get_aria_diff', { sessionId, fromStep: 1, toStep: 3 });
      expect(diff.structuredContent!.summary.added).toBeGreaterThan(0);
      expect(diff.structuredContent!.changes.join('\n')).toMatch(/navigation "Main" appeared/);

      const logs = await call(client, 'get_console_and_network', { sessionId, step: 2 });
      expect(logs.structuredContent).toMatchObject({ totalSteps: 3, laneErrors: [], note: null });
      expect(logs.structuredContent!.steps).toEqual([
        expect.objectContaining({
          step: 2,
          timeMs: 2100,
          consoleErrors: ['TypeError: cannot read properties of undefined (reading "token")'],
          failedRequests: [{ method: 'POST', url: 'http://app.test/api/login', status: 500 }],
        }),
      ]);
      expect(text(logs)).toMatch(/failed request: POST http:\/\/app\.test\/api\/login → 500/);
      // Without a step: only the steps that logged something.
      const allLogs = await call(client, 'get_console_and_network', { sessionId });
      expect(allLogs.structuredContent!.steps.map((s: { step: number }) => s.step)).toEqual([2]);
      const quiet = await call(client, 'get_console_and_network', { sessionId, step: 1 });
      expect(text(quiet)).toMatch(/Step 1 logged no console error/);

      const prompt = await call(client, 'get_prompt', { sessionId, agent: 'CURSOR' });
      expect(prompt.structuredContent).toMatchObject({ agentTarget: 'CURSOR', truncated: false });
      expect(text(prompt)).toMatch(/Login fails/);
      expect(text(prompt)).toMatch(/reading "token"/);
    }
  });

  it('pages and trims to stay under the size limit, saying so', async () => {
    const client = await connect(owner.token);
    for (let i = 0; i < 3; i++) await createSession(ctx.app, owner, { title: `Extra ${i}` });
    const first = await call(client, 'list_recordings', { limit: 2 });
    expect(first.structuredContent!.recordings).toHaveLength(2);
    const cursor = first.structuredContent!.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await call(client, 'list_recordings', { limit: 2, cursor });
    expect(second.structuredContent!.recordings.map((r: { id: string }) => r.id)).not.toEqual(
      first.structuredContent!.recordings.map((r: { id: string }) => r.id),
    );

    const window = await call(client, 'get_timeline', { sessionId, limit: 1, fromMs: 1000 });
    expect(window.structuredContent).toMatchObject({ totalSteps: 3, steps: [{ step: 2 }], nextStep: 3 });
    expect(window.structuredContent!.note).toMatch(/startStep 3/);

    const cut = await call(client, 'get_prompt', { sessionId, maxChars: 1000 });
    expect(cut.structuredContent!.truncated).toBe(true);
    expect(text(cut)).toMatch(/Cut at 1000 of \d+ characters/);
    for (const r of [first, second, window, cut]) expect(resultSize(r)).toBeLessThan(RESULT_MAX_CHARS);
  });

  it('cuts answers about a huge page to the size limit, with a note', async () => {
    const client = await connect(owner.token);
    const large = await seedLargeSession(ctx.app, owner);
    const snapshot = await call(client, 'get_aria_snapshot', { sessionId: large, step: 1, maxDepth: 50 });
    expect(snapshot.structuredContent).toMatchObject({ fullDepth: 3, depth: 2, truncated: true });
    expect(snapshot.structuredContent!.note).toMatch(/Cut at depth 2 \(of 3\) to stay within the size limit/);
    const frame = await call(client, 'get_frame', { sessionId: large, step: 2 });
    expect(frame.structuredContent!.diffTruncated).toBe(true);
    expect(frame.structuredContent!.note).toMatch(/more change sentence|cut/);
    const diff = await call(client, 'get_aria_diff', { sessionId: large, fromStep: 1, toStep: 2 });
    expect(diff.structuredContent!.truncated).toBe(true);
    const timeline = await call(client, 'get_timeline', { sessionId: large });
    const prompt = await call(client, 'get_prompt', { sessionId: large });
    expect(prompt.structuredContent).toMatchObject({ truncated: true, totalChars: 59_000 });
    for (const r of [snapshot, frame, diff, timeline, prompt]) expect(resultSize(r)).toBeLessThan(RESULT_MAX_CHARS);
  });

  it('answers a session still processing with its lanes and when to ask again', async () => {
    const client = await connect(owner.token);
    const timeline = await call(client, 'get_timeline', { sessionId: processingId });
    expect(timeline.isError).toBe(true);
    expect(timeline.structuredContent).toMatchObject({ error: 'processing', retryAfterSeconds: 5 });
    expect(text(timeline)).toMatch(/video lane: running 40%/);
    const overview = await call(client, 'get_recording', { sessionId: processingId });
    expect(overview.structuredContent).toMatchObject({ status: 'processing', retryAfterSeconds: 5 });
  });

  it("answers another account's recording and an unknown step as not found", async () => {
    const client = await connect(other.token);
    for (const [tool, args] of [
      ['get_recording', { sessionId }],
      ['get_frame', { sessionId, step: 1 }],
      ['get_prompt', { sessionId }],
      ['get_console_and_network', { sessionId }],
    ] as const) {
      const r = await call(client, tool, args);
      expect(r.isError, tool).toBe(true);
      expect(r.structuredContent, tool).toMatchObject({ error: 'not_found' });
    }
    expect((await call(client, 'list_recordings', {})).structuredContent!.recordings).toEqual([]);
    const ownerClient = await connect(owner.token);
    const missing = await call(ownerClient, 'get_frame', { sessionId, step: 9 });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/steps 1 to 3/);
    const bad = await call(ownerClient, 'get_frame', { sessionId: 'nope', step: 1 });
    expect(bad.isError).toBe(true);
  });

  it('serves a read-only API token: the tools only read', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/api/tokens', headers: owner.auth, payload: { name: 'agent', scopes: ['read'] } });
    expect(created.statusCode).toBe(201);
    const client = await connect(created.json().token);
    expect((await call(client, 'get_recording', { sessionId })).structuredContent).toMatchObject({ id: sessionId, stepCount: 3 });
    await ctx.app.inject({ method: 'DELETE', url: `/api/tokens/${created.json().id}`, headers: owner.auth });
    // Revoked: the next request is refused at /mcp itself.
    await expect(client.listTools()).rejects.toThrow();
  });

  it('refuses a missing or garbage token with 401, and a foreign Host or Origin with 403', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    expect((await fetch(`${base}/mcp`, { method: 'POST', headers, body })).status).toBe(401);
    const garbage = await fetch(`${base}/mcp`, { method: 'POST', headers: { ...headers, authorization: 'Bearer not-a-token' }, body });
    expect(garbage.status).toBe(401);
    expect(await garbage.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });
    await expect(connect('garbage')).rejects.toThrow();

    const auth = { ...headers, authorization: `Bearer ${owner.token}` };
    const rebinding = await ctx.app.inject({ method: 'POST', url: '/mcp', headers: { ...auth, host: 'evil.example' }, payload: body });
    expect(rebinding.statusCode).toBe(403);
    const origin = await ctx.app.inject({ method: 'POST', url: '/mcp', headers: { ...auth, host: 'localhost', origin: 'http://evil.example' }, payload: body });
    expect(origin.statusCode).toBe(403);
  });

  it('answers bad input with 4xx, never 500', async () => {
    const auth = { authorization: `Bearer ${owner.token}`, host: 'localhost', accept: 'application/json, text/event-stream' };
    for (const [method, payload, type] of [
      ['POST', '{not json', 'application/json'],
      ['POST', '[]', 'application/json'],
      ['POST', 'null', 'application/json'],
      ['POST', '{"jsonrpc":"2.0"}', 'application/json'],
      ['POST', 'hello', 'text/plain'],
      ['GET', undefined, undefined],
      ['DELETE', undefined, undefined],
    ] as const) {
      const res = await ctx.app.inject({ method, url: '/mcp', headers: { ...auth, ...(type ? { 'content-type': type } : {}) }, ...(payload !== undefined ? { payload } : {}) });
      expect(res.statusCode, `${method} ${payload}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${payload}`).toBeLessThan(500);
    }
    const sub = await ctx.app.inject({ method: 'GET', url: '/mcp/anything', headers: auth });
    expect(sub.statusCode).toBe(404);
  });
});
