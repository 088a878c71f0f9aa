import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, createDb, type Database } from '@claude-scope/db';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';
import { makeTestVideo } from '@claude-scope/testkit';
import { buildApp, loggerOptions, type App } from '../src/app.js';
import type { CreatedApiToken } from '@claude-scope/contracts';
import { createSession, expectError, ISO_MS, signup, testConfig, type TestUser } from './helpers.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe('API tokens', () => {
  const logLines: string[] = [];
  const minted: string[] = [];
  let app: App;
  let testDb: TestDatabase;
  let db: Database;
  let video: Buffer;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // trace: every log line the app can write, so the "never logged" check below sees them all.
    const config = testConfig({ DATABASE_URL: testDb.url, LOG_LEVEL: 'trace', QUEUE_PREFIX: `test-tokens-${randomBytes(4).toString('hex')}` });
    const stream = new Writable({ write(chunk, _enc, done) { logLines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    app = await buildApp({ config, logger: { ...(loggerOptions(config) as object), stream }, redisNamespace: `test-${randomBytes(4).toString('hex')}` });
    await app.ready();
    db = createDb({ url: testDb.url, max: 2 });
    video = await readFile((await makeTestVideo({ durationMs: 1000, changesAtMs: [500] })).path);
  });
  afterAll(async () => {
    await app?.close();
    if (db) await closeDb(db);
    await testDb?.drop();
  });

  async function mint(user: TestUser, body: Record<string, unknown> = { name: 'CLI', scopes: ['read', 'write'] }) {
    const res = await app.inject({ method: 'POST', url: '/api/tokens', headers: user.auth, payload: body });
    if (res.statusCode !== 201) throw new Error(`create token: ${res.statusCode} ${res.body}`);
    const created = res.json<CreatedApiToken>();
    minted.push(created.token);
    return { ...created, auth: { authorization: `Bearer ${created.token}` } };
  }

  function upload(headers: Record<string, string>) {
    const form = new FormData();
    form.set('title', 'Uploaded with a token');
    form.set('seedUrl', 'https://example.com/');
    form.set('file', new Blob([video], { type: 'video/webm' }), 'clip.webm');
    const request = new Request('http://x/', { method: 'POST', body: form });
    return request.arrayBuffer().then((body) =>
      app.inject({
        method: 'POST',
        url: '/api/recordings?wait=false',
        headers: { ...headers, 'content-type': request.headers.get('content-type')! },
        payload: Buffer.from(body),
      }),
    );
  }

  it('are created once with their secret, listed without it, and stored only as a hash', async () => {
    const user = await signup(app);
    const res = await app.inject({ method: 'POST', url: '/api/tokens', headers: user.auth, payload: { name: 'Laptop CLI', scopes: ['read'], expiresInDays: 30 } });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    minted.push(created.token);
    expect(Object.keys(created).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'scopes', 'token']);
    expect(created).toMatchObject({ name: 'Laptop CLI', scopes: ['read'], lastUsedAt: null });
    expect(created.id).toMatch(/^tok_[A-Z0-9]{12}$/);
    expect(created.token).toMatch(/^cs_pat_[0-9A-Za-z]{43}$/);
    expect(created.createdAt).toMatch(ISO_MS);
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(30 * 86_400_000);

    const forever = await mint(user, { name: 'CI', scopes: ['write'] });
    expect(forever.expiresAt).toBeNull();
    expect(forever.token).not.toBe(created.token);

    const list = await app.inject({ method: 'GET', url: '/api/tokens', headers: user.auth });
    expect(list.statusCode).toBe(200);
    const { token: _secret, ...withoutSecret } = created;
    expect(list.json()).toEqual([withoutSecret, expect.objectContaining({ id: forever.id, name: 'CI', scopes: ['write'], expiresAt: null })]);
    expect(list.body).not.toContain('cs_pat_');

    const { rows } = await db.$client.query('select * from api_tokens where id = $1', [created.id]);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(created.token.slice(7));
    // Another account sees none of them.
    expect((await app.inject({ method: 'GET', url: '/api/tokens', headers: (await signup(app)).auth })).json()).toEqual([]);
  });

  it('refuse bad input with 400 naming the field', async () => {
    const user = await signup(app);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ name: '', scopes: ['read'] }, /name/],
      [{ name: 'x'.repeat(101), scopes: ['read'] }, /name/],
      [{ scopes: ['read'] }, /name/],
      [{ name: 'n', scopes: [] }, /scopes/],
      [{ name: 'n' }, /scopes/],
      [{ name: 'n', scopes: ['admin'] }, /scopes/],
      [{ name: 'n', scopes: ['read', 'read'] }, /scopes/],
      [{ name: 'n', scopes: ['read'], expiresInDays: 0 }, /expiresInDays/],
      [{ name: 'n', scopes: ['read'], expiresInDays: 366 }, /expiresInDays/],
      [{ name: 'n', scopes: ['read'], expiresInDays: 1.5 }, /expiresInDays/],
      [{ name: 'n', scopes: ['read'], expiresInDays: '7' }, /expiresInDays/],
      [{ name: 'n', scopes: ['read'], token: 'cs_pat_mine' }, /token/],
      [{ name: 'n', scopes: ['read'], id: 'tok_AAAAAAAAAAAA' }, /id/],
    ];
    for (const [payload, message] of bad) {
      expectError(await app.inject({ method: 'POST', url: '/api/tokens', headers: user.auth, payload }), 400, message);
    }
    expect(await app.inject({ method: 'POST', url: '/api/tokens', headers: user.auth, payload: { name: 'x'.repeat(100), scopes: ['write', 'read'], expiresInDays: 365 } })).toMatchObject({ statusCode: 201 });
    expectError(await app.inject({ method: 'DELETE', url: '/api/tokens/not-a-token', headers: user.auth }), 400, /id/);
    expectError(await app.inject({ method: 'GET', url: '/api/tokens' }), 401);
  });

  it('can be managed only with a sign-in token, never with an API token', async () => {
    const user = await signup(app);
    const token = await mint(user);
    expectError(await app.inject({ method: 'GET', url: '/api/tokens', headers: token.auth }), 403, /sign-in/);
    expectError(await app.inject({ method: 'POST', url: '/api/tokens', headers: token.auth, payload: { name: 'n', scopes: ['read'] } }), 403);
    expectError(await app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: token.auth }), 403);
    expect((await app.inject({ method: 'GET', url: '/api/tokens', headers: user.auth })).json()).toHaveLength(1);
  });

  it('read allows GET routes only; write allows every route class, uploads included', async () => {
    const user = await signup(app);
    const read = await mint(user, { name: 'read', scopes: ['read'] });
    const write = await mint(user, { name: 'write', scopes: ['write'] });
    const both = await mint(user, { name: 'both', scopes: ['read', 'write'] });
    const s = await createSession(app, user, { title: 'target' });

    const gets = ['/api/auth/me', '/api/sessions', '/api/sessions/stats', `/api/sessions/${s.id}`, `/api/sessions/${s.id}/status`, '/api/settings'];
    for (const token of [read, write, both]) {
      for (const url of gets) expect((await app.inject({ method: 'GET', url, headers: token.auth })).statusCode, `${token.name} GET ${url}`).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: read.auth })).json().id).toBe(user.id);

    const changes: [Method, string, Record<string, unknown> | undefined][] = [
      ['POST', '/api/sessions', { title: 'by token' }],
      ['PATCH', `/api/sessions/${s.id}`, { title: 'renamed by token' }],
      ['PATCH', '/api/settings', { defaultAgent: 'CODEX' }],
    ];
    for (const [method, url, payload] of changes) {
      const res = await app.inject({ method, url, headers: read.auth, ...(payload ? { payload } : {}) });
      expect(expectError(res, 403, 'this API token lacks the "write" scope')).toEqual({ statusCode: 403, error: 'Forbidden', message: 'this API token lacks the "write" scope' });
    }
    expectError(await app.inject({ method: 'DELETE', url: `/api/sessions/${s.id}`, headers: read.auth }), 403);
    expectError(await upload(read.auth), 403);
    // Nothing changed.
    const after = (await app.inject({ method: 'GET', url: `/api/sessions/${s.id}`, headers: user.auth })).json();
    expect(after.title).toBe('target');
    expect((await app.inject({ method: 'GET', url: '/api/sessions', headers: user.auth })).json()).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: '/api/settings', headers: user.auth })).json().defaultAgent).toBe('CLAUDE_CODE');

    for (const token of [write, both]) {
      const created = await app.inject({ method: 'POST', url: '/api/sessions', headers: token.auth, payload: { title: `by ${token.name}` } });
      expect(created.statusCode).toBe(201);
      expect(created.json().userId).toBe(user.id);
      const patched = await app.inject({ method: 'PATCH', url: `/api/sessions/${created.json().id}`, headers: token.auth, payload: { title: 'renamed' } });
      expect(patched.statusCode).toBe(200);
      expect((await app.inject({ method: 'PATCH', url: '/api/settings', headers: token.auth, payload: { includeRawDiff: true } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'DELETE', url: `/api/sessions/${created.json().id}`, headers: token.auth })).statusCode).toBe(204);
      const uploaded = await upload(token.auth);
      expect(uploaded.statusCode, uploaded.body).toBe(202);
      expect(uploaded.json()).toMatchObject({ status: 'processing', title: 'Uploaded with a token' });
      expect((await app.inject({ method: 'DELETE', url: `/api/sessions/${uploaded.json().sessionId}`, headers: token.auth })).statusCode).toBe(204);
    }
  });

  it('stop working when revoked or expired (401), and a malformed or unknown one is a 401', async () => {
    const user = await signup(app);
    const revoked = await mint(user);
    const expired = await mint(user, { name: 'short-lived', scopes: ['read'], expiresInDays: 1 });
    const kept = await mint(user);
    for (const t of [revoked, expired, kept]) expect((await app.inject({ method: 'GET', url: '/api/sessions', headers: t.auth })).statusCode).toBe(200);

    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${revoked.id}`, headers: user.auth })).statusCode).toBe(204);
    expectError(await app.inject({ method: 'DELETE', url: `/api/tokens/${revoked.id}`, headers: user.auth }), 404, 'Token not found');
    await db.$client.query("update api_tokens set expires_at = now() - interval '1 second' where id = $1", [expired.id]);

    for (const t of [revoked, expired]) {
      expect(expectError(await app.inject({ method: 'GET', url: '/api/sessions', headers: t.auth }), 401)).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });
      expectError(await app.inject({ method: 'POST', url: '/api/sessions', headers: t.auth, payload: { title: 'x' } }), 401);
    }
    for (const credential of ['cs_pat_', 'cs_pat_short', `cs_pat_${'A'.repeat(43)}`, `${kept.token}x`, kept.token.slice(0, -1)]) {
      expectError(await app.inject({ method: 'GET', url: '/api/sessions', headers: { authorization: `Bearer ${credential}` } }), 401);
    }
    // The expired one is still listed (with its expiry), the revoked one is gone; the others still work.
    const ids = (await app.inject({ method: 'GET', url: '/api/tokens', headers: user.auth })).json().map((t: { id: string }) => t.id);
    expect(ids).toEqual([expired.id, kept.id]);
    expect((await app.inject({ method: 'GET', url: '/api/sessions', headers: kept.auth })).statusCode).toBe(200);
  });

  it("act only for their own account: another account's sessions and tokens are 404", async () => {
    const alice = await signup(app);
    const mallory = await signup(app);
    const alicesToken = await mint(alice);
    const mallorysToken = await mint(mallory);
    const s = await createSession(app, alice, { title: "Alice's" });
    for (const [method, url] of [['GET', `/api/sessions/${s.id}`], ['GET', `/api/sessions/${s.id}/status`], ['PATCH', `/api/sessions/${s.id}`], ['DELETE', `/api/sessions/${s.id}`]] as const) {
      const res = await app.inject({ method, url, headers: mallorysToken.auth, ...(method === 'PATCH' ? { payload: { title: 'pwned' } } : {}) });
      expectError(res, 404, 'Session not found');
    }
    expect((await app.inject({ method: 'GET', url: '/api/sessions', headers: mallorysToken.auth })).json()).toEqual([]);
    // Mallory (signed in) cannot revoke Alice's token: 404, and it keeps working.
    expectError(await app.inject({ method: 'DELETE', url: `/api/tokens/${alicesToken.id}`, headers: mallory.auth }), 404, 'Token not found');
    expect((await app.inject({ method: 'GET', url: `/api/sessions/${s.id}`, headers: alicesToken.auth })).json().title).toBe("Alice's");
  });

  it('record lastUsedAt on use, at most once a minute', async () => {
    const user = await signup(app);
    const token = await mint(user, { name: 'poller', scopes: ['read'] });
    const lastUsed = async () => ((await app.inject({ method: 'GET', url: '/api/tokens', headers: user.auth })).json() as { lastUsedAt: string | null }[])[0]!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await app.inject({ method: 'GET', url: '/api/sessions', headers: token.auth });
    const first = await lastUsed();
    expect(first).toMatch(ISO_MS);
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: '/api/sessions', headers: token.auth });
    expect(await lastUsed()).toBe(first);
    // A refused request (missing scope) is not a use.
    await db.$client.query("update api_tokens set last_used_at = now() - interval '2 minutes' where id = $1", [token.id]);
    const stale = await lastUsed();
    await app.inject({ method: 'POST', url: '/api/sessions', headers: token.auth, payload: { title: 'x' } });
    expect(await lastUsed()).toBe(stale);
    await app.inject({ method: 'GET', url: '/api/sessions', headers: token.auth });
    expect(Date.parse((await lastUsed())!)).toBeGreaterThan(Date.parse(stale!));
  });

  // Last: it reads everything the tests above made the app log.
  it('are never logged: not the secret, not a part of it', async () => {
    const user = await signup(app);
    const token = await mint(user, { name: 'logged?', scopes: ['read'] });
    await app.inject({ method: 'GET', url: '/api/sessions', headers: { ...token.auth, 'x-request-id': 'token-trace' } });
    await app.inject({ method: 'POST', url: '/api/sessions', headers: token.auth, payload: { title: 'x' } });
    await app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: user.auth });
    await app.inject({ method: 'GET', url: '/api/sessions', headers: token.auth });
    const records = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.some((r) => r.reqId === 'token-trace')).toBe(true);
    expect(minted.length).toBeGreaterThan(10);
    const all = logLines.join('\n');
    for (const secret of minted) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice(7, 27));
      expect(all).not.toContain(createHash('sha256').update(secret).digest('hex'));
    }
  });
});
