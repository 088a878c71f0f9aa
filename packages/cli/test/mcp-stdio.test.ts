import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { makeTestVideo } from '@claude-scope/testkit';
import { PNG_BASE64 } from '../../../services/api/test/agents-fixture.js';
import { BIN, useAgentStack } from './harness.js';

const stack = useAgentStack();
const clients: Client[] = [];

type ToolResult = { isError?: boolean; structuredContent?: Record<string, any>; content: any[] };

async function connect(token: string | undefined, mode?: 'auto'): Promise<Client> {
  const client = new Client({ name: 'mcp-stdio-test', version: '1.0.0' }, mode ? { versionNegotiation: { mode } } : {});
  const env: Record<string, string> = { CLAUDE_SCOPE_URL: stack.url, CLAUDE_SCOPE_CONFIG: `${stack.home}/none.json` };
  if (token) env.CLAUDE_SCOPE_TOKEN = token;
  clients.push(client);
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], env, stderr: 'pipe' }));
  return client;
}
const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult;
const text = (r: ToolResult) => r.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
});

describe('claude-scope mcp (stdio, spawned by the MCP SDK client)', () => {
  it('serves every tool, upload_recording included, over the API with the user token', async () => {
    for (const mode of [undefined, 'auto'] as const) {
      const client = await connect(stack.owner.token, mode);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([
        'get_aria_diff', 'get_aria_snapshot', 'get_console_and_network', 'get_frame', 'get_prompt', 'get_recording', 'get_timeline', 'list_recordings', 'upload_recording',
      ]);
      for (const t of tools) expect(t.annotations?.readOnlyHint, t.name).toBe(t.name !== 'upload_recording');

      const { sessionId } = stack;
      expect((await call(client, 'list_recordings', { status: 'complete' })).structuredContent!.recordings[0].id).toBe(sessionId);
      expect((await call(client, 'get_recording', { sessionId })).structuredContent).toMatchObject({ stepCount: 3, status: 'complete' });
      expect((await call(client, 'get_timeline', { sessionId, fromMs: 2000, toMs: 3000 })).structuredContent!.steps.map((s: { step: number }) => s.step)).toEqual([2]);
      const frame = await call(client, 'get_frame', { sessionId, step: 3 });
      expect(frame.content.find((c) => c.type === 'image')?.data).toBe(PNG_BASE64);
      expect(frame.structuredContent!.changes.join(' ')).toMatch(/navigation "Main" appeared/);
      expect((await call(client, 'get_aria_snapshot', { sessionId, step: 2 })).structuredContent).toMatchObject({ truncated: false, fullDepth: 2 });
      expect((await call(client, 'get_aria_diff', { sessionId, fromStep: 2, toStep: 1 })).structuredContent!.changes.join(' ')).toMatch(/alert "Incorrect email or password" disappeared/);
      const logs = (await call(client, 'get_console_and_network', { sessionId })).structuredContent!;
      expect(logs.steps.map((s: { step: number; failedRequests: { status?: number }[] }) => [s.step, s.failedRequests[0]?.status])).toEqual([[2, 500]]);
      expect(text(await call(client, 'get_prompt', { sessionId, agent: 'CODEX' }))).toMatch(/Login fails/);
      const processing = await call(client, 'get_frame', { sessionId: stack.processingId, step: 1 });
      expect(processing.structuredContent).toMatchObject({ error: 'processing', retryAfterSeconds: 5 });
    }
  });

  it('list_recordings sorts with sort/order across pages, and refuses a value outside the contract', async () => {
    const client = await connect(stack.owner.token);
    const list = async (args: Record<string, unknown>) => {
      const r = await call(client, 'list_recordings', { sort: 'frameCount', order: 'asc', ...args });
      expect(r.isError, text(r)).toBeFalsy();
      return r;
    };
    const all = (await list({ limit: 100 })).structuredContent!;
    expect(all.recordings.length).toBeGreaterThanOrEqual(2);
    const counts = all.recordings.map((r: { stepCount: number }) => r.stepCount);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const first = await list({ limit: 1 });
    expect(text(first)).toContain(`cursor "${first.structuredContent!.nextCursor}" and the same sort "frameCount" and order "asc"`);
    const second = (await list({ limit: 1, cursor: first.structuredContent!.nextCursor })).structuredContent!;
    const ids = [...first.structuredContent!.recordings, ...second.recordings].map((r: { id: string }) => r.id);
    expect(ids).toEqual(all.recordings.slice(0, 2).map((r: { id: string }) => r.id));

    // The schema advertises the contract's values, and a value outside them never reaches the API.
    const { tools } = await client.listTools();
    const schema = tools.find((t) => t.name === 'list_recordings')!.inputSchema as { properties: Record<string, { enum?: string[] }> };
    expect(schema.properties.sort!.enum).toEqual(['updatedAt', 'createdAt', 'title', 'agentTarget', 'status', 'duration', 'frameCount']);
    expect(schema.properties.order!.enum).toEqual(['asc', 'desc']);
    const bad = await call(client, 'list_recordings', { sort: 'size' });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/Input validation error[\s\S]*sort: Invalid option: expected one of "updatedAt"\|"createdAt"/);
    const badOrder = await call(client, 'list_recordings', { order: 'up' });
    expect(badOrder.isError).toBe(true);
    expect(text(badOrder)).toMatch(/order: Invalid option: expected one of "asc"\|"desc"/);
  });

  it('uploads a local recording', async () => {
    const client = await connect(stack.owner.token);
    const video = await makeTestVideo({ durationMs: 1200, changesAtMs: [600] });
    const res = await call(client, 'upload_recording', { path: video.path, seedUrl: 'http://app.test/', title: 'From an agent', wait: false });
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ sessionId: expect.stringMatching(/^sess_/), status: 'processing' });
    const overview = await call(client, 'get_recording', { sessionId: res.structuredContent!.sessionId });
    expect(overview.structuredContent).toMatchObject({ title: 'From an agent', status: 'processing', retryAfterSeconds: 5 });
    const missing = await call(client, 'upload_recording', { path: '/no/such/file.webm', seedUrl: 'http://app.test/', wait: false });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/no such file/);
  });

  it("answers another account's session as not found, and a bad token as the API's 401", async () => {
    const client = await connect(stack.other.token);
    const r = await call(client, 'get_timeline', { sessionId: stack.sessionId });
    expect(r.structuredContent).toMatchObject({ error: 'not_found' });
    const garbage = await connect('garbage');
    const refused = await call(garbage, 'list_recordings', {});
    expect(refused.isError).toBe(true);
    expect(refused.structuredContent).toMatchObject({ error: 'unauthorized' });
    // Without any token the server refuses to start.
    await expect(connect(undefined)).rejects.toThrow();
  });
});
