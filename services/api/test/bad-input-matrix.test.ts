import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';
import { makeTestVideo } from '@claude-scope/testkit';
import { buildApp, loggerOptions, type App } from '../src/app.js';
import {
  BOUNDARY,
  contractErrorProblem,
  isPublic,
  listRoutes,
  multipartBody,
  multipartHeaders,
  routeKey,
  type FormPart,
} from './bad-input-helpers.js';
import { TEST_JWT_SECRET, createSession, expectError, signup, testConfig, useTestApp, type TestUser } from './helpers.js';

/**
 * The hand-written bad-input matrix of issue 18 (bad-input-fuzz.test.ts generates the rest): each finding's
 * exact request, with the contract's answer (API.md, Conventions).
 */

type Req = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: unknown };

const cursorOf = (updatedAt: string, id: string) => Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
const EXACT_401 = { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' };

function hs256(payload: object, header: object = { alg: 'HS256', typ: 'JWT' }, secret = TEST_JWT_SECRET): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part(header)}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('bad input: the hand-written matrix', () => {
  const t = useTestApp({ QUEUE_PREFIX: `bad-matrix-${randomBytes(4).toString('hex')}`, UPLOAD_RATE_LIMIT: '100000', MAX_PROCESSING_PER_ACCOUNT: '100000' });
  let u: TestUser;
  let other: TestUser;
  let sid: string;
  let video: Buffer;
  beforeAll(async () => {
    u = await signup(t.app);
    other = await signup(t.app);
    sid = (await createSession(t.app, u, { title: 'Matrix target' })).id as string;
    video = await readFile((await makeTestVideo({ durationMs: 1000, width: 160, height: 120, changesAtMs: [] })).path);
  });
  const send = (r: Req, user: TestUser | null = u, headers: Record<string, string> = {}) =>
    t.app.inject({ method: r.method, url: r.url.replace('{sid}', sid), headers: { ...(user?.auth ?? {}), ...headers }, ...(r.payload !== undefined ? { payload: r.payload as object } : {}) });

  describe('U+0000 (and lone surrogates) in any string that reaches Postgres → 400 naming the field', () => {
    it.each<[string, Req, string]>([
      ['path id', { method: 'GET', url: '/api/sessions/%00' }, 'id must not contain U+0000'],
      ['path id, status', { method: 'GET', url: '/api/sessions/sess_%00AAAAAAA/status' }, 'id must not contain U+0000'],
      ['path id, prompt', { method: 'GET', url: '/api/sessions/a%00/prompt' }, 'id must not contain U+0000'],
      ['path id, PATCH', { method: 'PATCH', url: '/api/sessions/%00', payload: {} }, 'id must not contain U+0000'],
      ['path id, DELETE', { method: 'DELETE', url: '/api/sessions/%00' }, 'id must not contain U+0000'],
      ['frame id', { method: 'GET', url: '/api/sessions/{sid}/frames/frm_%00/image' }, 'frameId must not contain U+0000'],
      ['q', { method: 'GET', url: '/api/sessions?q=%00' }, 'q must not contain U+0000'],
      ['cursor', { method: 'GET', url: '/api/sessions?cursor=%00' }, 'cursor must not contain U+0000'],
      ['login email', { method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@example.com', password: 'password123' } }, 'email must not contain U+0000'],
      ['login password', { method: 'POST', url: '/api/auth/login', payload: { email: 'a@example.com', password: 'pass\u0000word' } }, 'password must not contain U+0000'],
      ['signup name', { method: 'POST', url: '/api/auth/signup', payload: { name: 'Ada\u0000', email: 'nul@example.com', password: 'password123' } }, 'name must not contain U+0000'],
      ['signup password', { method: 'POST', url: '/api/auth/signup', payload: { name: 'Ada', email: 'nul@example.com', password: 'password\u0000123' } }, 'password must not contain U+0000'],
      ['title', { method: 'POST', url: '/api/sessions', payload: { title: 'a\u0000' } }, 'title must not contain U+0000'],
      ['notes', { method: 'POST', url: '/api/sessions', payload: { title: 't', notes: '\u0000' } }, 'notes must not contain U+0000'],
      ['prompt', { method: 'POST', url: '/api/sessions', payload: { title: 't', prompt: 'x\u0000' } }, 'prompt must not contain U+0000'],
      ['PATCH title', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { title: '\u0000' } }, 'title must not contain U+0000'],
      ['PATCH notes', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { notes: 'n\u0000' } }, 'notes must not contain U+0000'],
      ['PATCH prompt', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { prompt: '\u0000' } }, 'prompt must not contain U+0000'],
      ['PATCH urls', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { urls: ['https://a.example/', 'b\u0000'] } }, 'urls[1] must not contain U+0000'],
      ['PATCH seedUrl', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { seedUrl: 'https://example.com/\u0000' } }, 'seedUrl must not contain U+0000'],
      ['PATCH urls, lone surrogate (jsonb refuses it)', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { urls: ['\ud800'] } }, 'urls[0] must be well-formed Unicode (no lone surrogates)'],
      ['PATCH title, lone surrogate', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { title: 'x\udfff' } }, 'title must be well-formed Unicode (no lone surrogates)'],
      ['settings', { method: 'PATCH', url: '/api/settings', payload: { defaultAgent: 'RAW\u0000' } }, 'defaultAgent must be one of CLAUDE_CODE, CODEX, CURSOR, RAW'],
    ])('%s', async (_name, req, message) => {
      expectError(await send(req), 400, message);
    });
  });

  describe('numbers beyond their documented range → 400 naming the field', () => {
    it.each<[string, Req, string]>([
      ['frameCount 2^31', { method: 'POST', url: '/api/sessions', payload: { title: 't', frameCount: 2 ** 31 } }, 'frameCount must be <= 2147483647'],
      ['urlCount 2^53', { method: 'POST', url: '/api/sessions', payload: { title: 't', urlCount: 2 ** 53 } }, 'urlCount must be <= 2147483647'],
      ['PATCH frameCount 2^31', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { frameCount: 2 ** 31 } }, 'frameCount must be <= 2147483647'],
      ['PATCH processingTime 3e9', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { processingTime: 3e9 } }, 'processingTime must be <= 2147483647'],
      ['PATCH duration 1e308', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { duration: 1e308 } }, 'duration must be <= 2147483647'],
      ['PATCH duration negative', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { duration: -1 } }, 'duration must be >= 0'],
      ['PATCH urlCount float', { method: 'PATCH', url: '/api/sessions/{sid}', payload: { urlCount: 1.5 } }, 'urlCount must be integer'],
      ['limit 501', { method: 'GET', url: '/api/sessions?limit=501' }, 'limit must be <= 500'],
      ['limit 2^53', { method: 'GET', url: '/api/sessions?limit=9007199254740993' }, 'limit must be <= 500'],
      ['limit NaN', { method: 'GET', url: '/api/sessions?limit=NaN' }, 'limit must be integer'],
    ])('%s', async (_name, req, message) => {
      expectError(await send(req), 400, message);
    });

    it('a duration that JSON parses to Infinity (1e400) is a 400, not a stored Infinity', async () => {
      const res = await send({ method: 'PATCH', url: '/api/sessions/{sid}' }, u, { 'content-type': 'application/json' });
      expect(res.statusCode).toBe(400); // empty body
      const inf = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${sid}`, headers: { ...u.auth, 'content-type': 'application/json' }, payload: '{"duration":1e400}' });
      expectError(inf, 400, /^duration must be/);
    });

    it('the edges of the range are accepted and stored as they are', async () => {
      const s = await createSession(t.app, u, { title: 'edges', frameCount: 2 ** 31 - 1, urlCount: 0 });
      const res = await send({ method: 'PATCH', url: `/api/sessions/${s.id}`, payload: { processingTime: 2 ** 31 - 1, duration: 2 ** 31 - 1, frameCount: 2 ** 31 - 1 } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ processingTime: 2 ** 31 - 1, duration: 2 ** 31 - 1, frameCount: 2 ** 31 - 1 });
    });

    it('stats never 500: sums within range, and rows stored out of range before the rule (1e308, Infinity, NaN) are clamped', async () => {
      const owner = await signup(t.app);
      for (let i = 0; i < 3; i++) {
        const s = await createSession(t.app, owner, { title: `big ${i}` });
        await send({ method: 'PATCH', url: `/api/sessions/${s.id}`, payload: { status: 'complete', duration: 2 ** 31 - 1, processingTime: 2 ** 31 - 1 } }, owner);
      }
      let stats = await send({ method: 'GET', url: '/api/sessions/stats' }, owner);
      expect(stats.statusCode).toBe(200);
      expect(stats.json()).toEqual({ totalSessions: 3, completedSessions: 3, totalDuration: 3 * (2 ** 31 - 1), avgProcessingTime: 2 ** 31 - 1 });

      // Outliers written straight to the database, as an older API let through.
      await t.app.db.execute(sql`update sessions set duration = v.d from (values (1, 1e308::float8), (2, 'Infinity'::float8), (3, 'NaN'::float8)) v(n, d)
        where sessions.id = (select id from sessions where user_id = ${owner.id} order by id limit 1 offset v.n - 1)`);
      stats = await send({ method: 'GET', url: '/api/sessions/stats' }, owner);
      expect(stats.statusCode).toBe(200);
      expect(stats.json()).toEqual({ totalSessions: 3, completedSessions: 3, totalDuration: 3 * (2 ** 31 - 1), avgProcessingTime: 2 ** 31 - 1 });
    });
  });

  describe('cursors JavaScript parses but Postgres refuses → 400 naming cursor', () => {
    it.each([
      ['2020-02-30', () => cursorOf('2020-02-30', sid)],
      ['2020-02-30 in full', () => cursorOf('2020-02-30T00:00:00.000Z', sid)],
      ['+275760', () => cursorOf('+275760-09-13T00:00:00.000Z', sid)],
      ['-000001', () => cursorOf('-000001-01-01T00:00:00.000Z', sid)],
      ['year 0000', () => cursorOf('0000-01-01T00:00:00.000Z', sid)],
      ['a NUL in the id', () => cursorOf('2026-01-01T00:00:00.000Z', 'sess_\u0000')],
      ['not a session id', () => cursorOf('2026-01-01T00:00:00.000Z', "x' or 1=1")],
      ['not base64 JSON', () => '!!!!'],
      ['an object', () => Buffer.from('{"a":1}').toString('base64url')],
    ])('%s', async (_name, cursor) => {
      expectError(await send({ method: 'GET', url: `/api/sessions?limit=5&cursor=${encodeURIComponent(cursor())}` }), 400, 'cursor is not valid');
    });

    it('a cursor the API wrote still pages', async () => {
      const owner = await signup(t.app);
      for (let i = 0; i < 3; i++) await createSession(t.app, owner, { title: `p${i}` });
      const first = await send({ method: 'GET', url: '/api/sessions?limit=2' }, owner);
      const next = /cursor=([^&>]+)/.exec(String(first.headers.link))![1]!;
      const second = await send({ method: 'GET', url: `/api/sessions?limit=2&cursor=${next}` }, owner);
      expect(second.statusCode).toBe(200);
      expect(second.json()).toHaveLength(1);
    });
  });

  describe('malformed multipart → 4xx in the contract shape, nothing stored', () => {
    const file = (): FormPart => ({ name: 'file', value: video, filename: 'r.webm', contentType: 'video/webm' });
    const fields = (extra: Record<string, string> = {}): FormPart[] =>
      Object.entries({ title: 'Upload', seedUrl: 'https://example.com/', ...extra }).map(([name, value]) => ({ name, value }));

    async function upload(headers: Record<string, string>, payload: Buffer | string, status: number, message?: string | RegExp) {
      const stored: string[] = [];
      const putStream = t.app.storage.putStream.bind(t.app.storage);
      t.app.storage.putStream = (key, ...rest) => {
        stored.push(key);
        return putStream(key, ...rest);
      };
      const before = (await send({ method: 'GET', url: '/api/sessions' })).json().length as number;
      try {
        const res = await t.app.inject({ method: 'POST', url: '/api/recordings?wait=false', headers: { ...u.auth, ...headers }, payload });
        expectError(res, status, message);
      } finally {
        t.app.storage.putStream = putStream;
      }
      expect((await send({ method: 'GET', url: '/api/sessions' })).json()).toHaveLength(before);
      for (const key of stored) expect(await t.app.storage.listKeys(key)).toEqual([]);
    }

    it('no boundary', () => upload({ 'content-type': 'multipart/form-data' }, multipartBody([...fields(), file()]), 400, /^body is not valid multipart\/form-data/));
    it('an empty boundary', () => upload({ 'content-type': 'multipart/form-data; boundary=' }, multipartBody([...fields(), file()]), 400, /^body is not valid multipart\/form-data/));
    it('a boundary over 256 characters', () => {
      const b = 'b'.repeat(300);
      return upload(multipartHeaders(b), multipartBody([...fields(), file()], b), 400, /^body is not valid multipart\/form-data/);
    });
    it('a body that ends inside the file', () => {
      const body = multipartBody([...fields(), file()]);
      return upload(multipartHeaders(), body.subarray(0, body.length - 2000), 400);
    });
    it('a body that ends inside a field', () => upload(multipartHeaders(), `--${BOUNDARY}\r\ncontent-disposition: form-data; name="title"\r\n\r\nabc`, 400));
    it('garbage instead of parts', () => upload(multipartHeaders(), 'this is not multipart at all', 400));
    it('no file part', () => upload(multipartHeaders(), multipartBody(fields()), 400, 'file is required'));
    it('two file parts', () => upload(multipartHeaders(), multipartBody([...fields(), file(), file()]), 400, 'file must be sent once'));
    it('the file under another name', () => upload(multipartHeaders(), multipartBody([...fields(), { ...file(), name: 'video' }]), 400, /^video is not an allowed field/));
    it('a field over 1 MB', () => upload(multipartHeaders(), multipartBody([...fields({ notes: 'n'.repeat(1024 * 1024 + 10) }), file()]), 413, /^notes is larger than/));
    it('a field declared as JSON that is not', () =>
      upload(multipartHeaders(), multipartBody([...fields(), { name: 'timeline', value: '[{', contentType: 'application/json' }, file()]), 400));
    it('an unknown field', () => upload(multipartHeaders(), multipartBody([...fields({ color: 'red' }), file()]), 400, 'color is not an allowed field'));
    it.each<[string, Record<string, string>, string | RegExp]>([
      ['NUL in title', { title: 'a\u0000b' }, 'title must not contain U+0000'],
      ['NUL in notes', { notes: '\u0000' }, 'notes must not contain U+0000'],
      ['NUL in seedUrl', { seedUrl: 'https://example.com/\u0000' }, /^seedUrl must/],
      ['NUL in agentTarget', { agentTarget: 'RAW\u0000' }, /^agentTarget must be one of/],
      ['NUL in durationMs', { durationMs: '1\u0000' }, /^durationMs must be/],
      ['durationMs 9 999 999 999', { durationMs: '9999999999' }, 'durationMs must be <= 2147483647'],
      ['a timeline event name with NUL', { timeline: '[{"t":0,"type":"click","role":"button","name":"Pay\\u0000"}]' }, 'timeline[0].name must not contain U+0000'],
      ['a typed value with a lone surrogate', { timeline: '[{"t":0,"type":"fill","role":"textbox","name":"x","value":"\\ud800"}]' }, 'timeline[0].value must be well-formed Unicode (no lone surrogates)'],
      ['a timeline url with NUL', { timeline: '[{"t":0,"type":"navigate","url":"https://a.example/\\u0000"}]' }, /^timeline\[0\]\.url must/],
      ['a timeline key with NUL', { timeline: '[{"t":0,"type":"press","key":"\\u0000"}]' }, 'timeline[0].key must not contain U+0000'],
      ['a timeline t of 2^31', { timeline: '[{"t":2147483648,"type":"press","key":"a"}]' }, 'timeline[0].t must be <= 2147483647'],
      ['a scroll of 1e308', { timeline: '[{"t":0,"type":"scroll","dy":1e308}]' }, 'timeline[0].dy must be <= 2147483647'],
    ])('%s', (_name, extra, message) => upload(multipartHeaders(), multipartBody([...fields(extra), file()]), 400, message));
    it('fields after the file are checked all the same', () =>
      upload(multipartHeaders(), multipartBody([file(), ...fields({ notes: 'x\u0000' })]), 400, 'notes must not contain U+0000'));
  });

  describe('JSON bodies', () => {
    it.each<[string, string, number, string | RegExp]>([
      ['malformed', '{"title":', 400, /not valid JSON/],
      ['not an object', '"title"', 400, 'body must be object'],
      ['null', 'null', 400, /^body must be object/],
      ['NaN', '{"title":"t","frameCount":NaN}', 400, /not valid JSON/],
      ['a __proto__ key', '{"title":"t","__proto__":{"x":1}}', 400, /.+/],
      ['a wrong type (not coerced)', '{"title":42}', 400, 'title must be string'],
      ['a number as a string (not coerced)', '{"title":"t","frameCount":"3"}', 400, 'frameCount must be integer'],
      ['a boolean as a string', '{"title":"t","agentTarget":true}', 400, /^agentTarget must be/],
      ['an unknown field', '{"title":"t","colour":"red"}', 400, 'colour is not an allowed field'],
      ['a read-only field', '{"title":"t","lastError":"x"}', 400, 'lastError is read-only'],
      ['over 1 MB', JSON.stringify({ title: 't', prompt: 'p'.repeat(1024 * 1024 + 1) }), 413, /.+/],
    ])('%s', async (_name, payload, status, message) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { ...u.auth, 'content-type': 'application/json' }, payload });
      expectError(res, status, message);
    });

    it('a body of another type → 415', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { ...u.auth, 'content-type': 'application/xml' }, payload: '<title>x</title>' });
      expect(res.statusCode).toBe(415);
      expect(contractErrorProblem(res)).toBeUndefined();
    });

    it('PATCH read-only fields → 400 naming each', async () => {
      for (const field of ['id', 'userId', 'createdAt', 'updatedAt', 'lastError']) {
        expectError(await send({ method: 'PATCH', url: '/api/sessions/{sid}', payload: { [field]: 'x' } }), 400, `${field} is read-only`);
      }
    });
  });

  describe('tokens: every protected route answers the exact 401', () => {
    const tokens: Array<[string, () => string]> = [
      ['missing', () => ''],
      ['not Bearer', () => 'Basic dXNlcjpwYXNz'],
      ['garbage', () => 'Bearer not-a-token'],
      ['expired', () => `Bearer ${hs256({ sub: u.id, iat: 1_600_000_000, exp: 1_600_000_600 })}`],
      ['signed with another secret', () => `Bearer ${hs256({ sub: u.id, iat: Math.floor(Date.now() / 1000) }, undefined, 'another-secret-another-secret-another-secret')}`],
      ['alg: none', () => `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: u.id })).toString('base64url')}.`],
      ['HS512 with our secret', () => `Bearer ${hs256({ sub: u.id }, { alg: 'HS512', typ: 'JWT' })}`],
      ['a sub that is not a user id', () => `Bearer ${hs256({ sub: "usr_' OR 1=1", iat: Math.floor(Date.now() / 1000) })}`],
      ['a NUL in sub', () => `Bearer ${hs256({ sub: 'usr_\u0000', iat: Math.floor(Date.now() / 1000) })}`],
      ['a made-up API token', () => `Bearer cs_pat_${'A1b2C3d4'.repeat(6)}`],
      ['an API token prefix alone', () => 'Bearer cs_pat_'],
    ];
    it.each(tokens)('%s', async (_name, token) => {
      const routes = listRoutes(t.app).filter((r) => !isPublic(r));
      expect(routes.length).toBeGreaterThan(8);
      for (const r of routes) {
        const authorization = token();
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: r.url.replace(':id', sid).replace(':frameId', 'frm_AAAAAAAAAAAA'),
          headers: authorization ? { authorization } : {},
        });
        expect({ route: routeKey(r), status: res.statusCode, body: res.json() }).toEqual({ route: routeKey(r), status: 401, body: EXACT_401 });
      }
    });
  });

  it("another account's session id is a 404 on every route that takes one", async () => {
    const routes = listRoutes(t.app).filter((r) => r.url.includes(':id') && r.url.startsWith('/api/sessions'));
    expect(routes.length).toBeGreaterThan(4);
    for (const r of routes) {
      const res = await send({ method: r.method as Req['method'], url: r.url.replace(':id', sid).replace(':frameId', 'frm_AAAAAAAAAAAA'), ...(r.method === 'PATCH' ? { payload: { title: 'mine now' } } : {}) }, other);
      expect({ route: routeKey(r), status: res.statusCode }).toEqual({ route: routeKey(r), status: 404 });
      expect(contractErrorProblem(res)).toBeUndefined();
    }
    // Still there, unchanged.
    expect((await send({ method: 'GET', url: '/api/sessions/{sid}' })).json()).toMatchObject({ id: sid, title: 'Matrix target' });
  });
});

describe('a failing query is logged without its SQL or parameters', () => {
  const lines: string[] = [];
  let app: App;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'info' });
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    app = await buildApp({ config, logger: { ...(loggerOptions(config) as object), stream }, redisNamespace: `test-${randomBytes(4).toString('hex')}` });
    await app.ready();
    // A genuine database failure on the next writes: the per-file database refuses them.
    await app.db.execute(sql`alter table users add constraint bad_input_refuse_signups check (email not like 'refused-%')`);
    await app.db.execute(sql`alter table sessions add constraint bad_input_refuse_notes check (notes is null or notes not like 'refused %')`);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('signup and a session insert fail with a bare 500; the log names the constraint, never the hash, email, notes or SQL', async () => {
    const email = 'refused-ada@example.com';
    const password = 'analytical-engine-secret';
    const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: 'Ada', email, password } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' });

    const user = await signup(app);
    const notes = 'refused my password is hunter2';
    const created = await app.inject({ method: 'POST', url: '/api/sessions', headers: user.auth, payload: { title: 'Secret notes', notes } });
    expect(created.statusCode).toBe(500);
    expect(created.body).not.toContain('hunter2');

    const errors = lines.map((l) => JSON.parse(l) as { level: number; err?: Record<string, unknown> }).filter((r) => r.level >= 50);
    expect(errors).toHaveLength(2);
    expect(errors.map((e) => e.err)).toEqual([
      expect.objectContaining({ type: 'DatabaseError', code: '23514', constraint: 'bad_input_refuse_signups', table: 'users' }),
      expect.objectContaining({ type: 'DatabaseError', code: '23514', constraint: 'bad_input_refuse_notes', table: 'sessions' }),
    ]);
    const all = lines.join('\n');
    for (const secret of [email, password, '$argon2', 'hunter2', 'insert into', 'params:', 'Failed query']) expect(all).not.toContain(secret);
  });
});
