import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient, expectOk, type ClaudeScopeClient, type FetchLike, type UploadProgress } from '@claude-scope/sdk';
import { renderOpenApiTypes } from '@claude-scope/sdk/codegen';
import { fileFromPath } from '@claude-scope/sdk/node';
import { makeTestVideo, nonVideoFile } from '@claude-scope/testkit';
import type { App } from '../src/app.js';
import { SDK_TYPES_FILE } from '../scripts/sdk-types.js';
import { signup, useTestApp, type TestUser } from './helpers.js';

/** A fetch served by `app.inject`, as the API's own MCP server uses the SDK: no socket involved. */
function injectFetch(app: App): FetchLike {
  return async (request) => {
    const url = new URL(request.url);
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      ...(request.body ? { payload: Buffer.from(await request.arrayBuffer()) } : {}),
    });
    return new Response(res.statusCode === 204 ? null : res.rawPayload, {
      status: res.statusCode,
      headers: Object.entries(res.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]])),
    });
  };
}

describe('the typed SDK against the real API', () => {
  const ctx = useTestApp({ QUEUE_PREFIX: `test-sdk-${randomBytes(4).toString('hex')}` });
  let baseUrl: string;
  let user: TestUser;
  let client: ClaudeScopeClient;

  beforeAll(async () => {
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    user = await signup(ctx.app);
    client = createClient({ baseUrl, token: user.token });
  });

  it('has committed types that match the OpenAPI document the API serves', async () => {
    const served = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const expected = await renderOpenApiTypes(served.json());
    const committed = await readFile(SDK_TYPES_FILE, 'utf8');
    // On failure: `pnpm --filter @claude-scope/sdk generate` and commit packages/sdk/src/generated/openapi.ts.
    expect(committed === expected, 'packages/sdk/src/generated/openapi.ts is stale: run `pnpm --filter @claude-scope/sdk generate`').toBe(true);
  });

  it('sends the token, types the answers, and turns errors into ApiError', async () => {
    const me = expectOk(await client.GET('/api/auth/me'));
    expect(me.id).toBe(user.id);
    const anonymous = createClient({ baseUrl: `${baseUrl}/api/` });
    const err = await anonymous.GET('/api/auth/me').then((r) => expectOk(r)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, error: 'Unauthorized', message: 'Unauthorized' });
    const missing = await client.GET('/api/sessions/{id}', { params: { path: { id: 'sess_NOPE0000' } } });
    expect(() => expectOk(missing)).toThrow(expect.objectContaining({ status: 404 }) as Error);
  });

  it('pages through GET /sessions with the Link header', async () => {
    const other = await signup(ctx.app);
    const titles = ['one', 'two', 'three', 'four', 'five'];
    for (const title of titles) expectOk(await client.POST('/api/sessions', { body: { title } }));
    expectOk(await createClient({ baseUrl, token: other.token }).POST('/api/sessions', { body: { title: 'not mine' } }));

    const first = await client.listSessionsPage({ limit: 2 });
    expect(first.sessions.map((s) => s.title)).toEqual(['five', 'four']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await client.listSessionsPage({ limit: 2, cursor: first.nextCursor! });
    expect(second.sessions.map((s) => s.title)).toEqual(['three', 'two']);

    const all: string[] = [];
    for await (const s of client.iterateSessions({ limit: 2 })) all.push(s.title);
    expect(all).toEqual([...titles].reverse());
    const filtered: string[] = [];
    for await (const s of client.iterateSessions({ q: 'T', limit: 1 })) filtered.push(s.title);
    expect(filtered).toEqual(['three', 'two']);
  });

  it('waits for a session by polling its status every 2–3 s', async () => {
    const session = expectOk(await client.POST('/api/sessions', { body: { title: 'finishes soon' } }));
    const seen: string[] = [];
    setTimeout(() => {
      void client.PATCH('/api/sessions/{id}', { params: { path: { id: session.id } }, body: { status: 'complete' } });
    }, 300);
    const started = Date.now();
    const final = await client.waitForSession(session.id, { onStatus: (s) => seen.push(s.sessionStatus) });
    expect(final.sessionStatus).toBe('complete');
    expect(seen).toEqual(['processing', 'complete']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    await expect(client.waitForSession('sess_NOPE0000')).rejects.toMatchObject({ status: 404 });
  });

  it('uploads a recording file as a stream with progress, and reports a refused one', async () => {
    const video = await makeTestVideo({ durationMs: 1500, changesAtMs: [700] });
    const file = await fileFromPath(video.path);
    const progress: UploadProgress[] = [];
    const accepted = await client.uploadRecording({
      file,
      title: 'From the SDK',
      seedUrl: 'https://example.com/',
      notes: 'two states',
      agentTarget: 'CURSOR',
      timeline: [{ t: 0, type: 'navigate', url: 'https://example.com/' }],
      wait: false,
      onProgress: (p) => progress.push(p),
    });
    expect(accepted).toMatchObject({ status: 'processing', title: 'From the SDK', agentTarget: 'CURSOR', fileSize: file.size, mimeType: 'video/webm' });
    expect(progress.at(-1)).toEqual({ loaded: file.size, total: file.size });
    const status = expectOk(await client.GET('/api/sessions/{id}/status', { params: { path: { id: accepted.sessionId } } }));
    expect(status.processingStatus?.overallStage).toBe('queued');
    expect((await client.DELETE('/api/sessions/{id}', { params: { path: { id: accepted.sessionId } } })).response.status).toBe(204);

    const refused = await client
      .uploadRecording({ file: await fileFromPath(nonVideoFile({ kind: 'text', ext: '.webm' })), title: 'x', seedUrl: 'https://example.com/', wait: false })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 415 });
  });

  it('goes through a custom fetch (an app.inject-backed one, as inside the API)', async () => {
    const calls: string[] = [];
    const inject = injectFetch(ctx.app);
    const viaInject = createClient({ baseUrl: 'http://in-process', token: user.token, fetch: (r) => (calls.push(`${r.method} ${new URL(r.url).pathname}`), inject(r)) });
    const created = expectOk(await viaInject.POST('/api/sessions', { body: { title: 'in process' } }));
    expect(expectOk(await viaInject.GET('/api/sessions/{id}', { params: { path: { id: created.id } } })).title).toBe('in process');
    expect(expectOk(await viaInject.DELETE('/api/sessions/{id}', { params: { path: { id: created.id } } }))).toBeUndefined();
    const page = await viaInject.listSessionsPage({ limit: 1 });
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(calls).toEqual(['POST /api/sessions', `GET /api/sessions/${created.id}`, `DELETE /api/sessions/${created.id}`, 'GET /api/sessions']);
  });

});
