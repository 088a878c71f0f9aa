import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';
import { buildApp, loggerOptions, type App } from '../src/app.js';
import { testConfig } from './helpers.js';

describe('structured logs', () => {
  const lines: string[] = [];
  let app: App;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'info' });
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    app = await buildApp({ config, logger: { ...(loggerOptions(config) as object), stream } });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('are JSON with request ids, and never contain passwords or tokens', async () => {
    const password = 'super-secret-password-123';
    const signup = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: 'Log', email: 'log@example.com', password } });
    const token = signup.json().accessToken as string;
    await app.inject({ method: 'GET', url: '/api/sessions', headers: { authorization: `Bearer ${token}`, 'x-request-id': 'trace-me' } });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'log@example.com', password: 'wrong-password-456' } });
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(3);
    expect(records.some((r) => r.reqId === 'trace-me')).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain('wrong-password-456');
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split('.')[2]!);
  });

  it('mask secrets in logged URLs and headers, and never log an ORM query\'s parameters', async () => {
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/api/nowhere?token=tok-in-query-123&code=oauth-code-456', headers: { cookie: 'sid=cookie-secret-789' } });
    // The shape of drizzle's DrizzleQueryError: its message repeats the parameters.
    const params = ['ada@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 'notes with password hunter2'];
    const err = Object.assign(new Error(`Failed query: insert into "users" values ($1, $2, $3)\nparams: ${params.join(',')}`), {
      query: 'insert into "users" values ($1, $2, $3)',
      params,
    });
    app.log.error({ err }, 'unhandled error');
    const all = lines.join('\n');
    expect(all).toContain('/api/nowhere?token=');
    expect(all).toContain('insert into \\"users\\"');
    for (const secret of ['tok-in-query-123', 'oauth-code-456', 'cookie-secret-789', 'ada@example.com', 'argon2id', 'hunter2']) {
      expect(all).not.toContain(secret);
    }
  });
});
