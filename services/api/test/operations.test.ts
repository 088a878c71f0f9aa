import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { expectError, signup, testConfig, useTestApp } from './helpers.js';

describe('health, readiness, docs', () => {
  const t = useTestApp();

  it('health and ready need no token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok', s3: 'ok' } });
  });

  it('serves the OpenAPI document generated from the validation schemas, and Swagger UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/auth/signup', '/api/auth/login', '/api/auth/me', '/api/sessions', '/api/sessions/stats', '/api/sessions/{id}', '/api/sessions/{id}/status', '/api/settings', '/api/health', '/api/ready']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const create = doc.paths['/api/sessions'].post.requestBody.content['application/json'].schema;
    expect(create.properties.title).toMatchObject({ minLength: 1, maxLength: 500 });
    expect(create.additionalProperties).toBe(false);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('unknown routes are a contract 404; every response carries a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expectError(res, 404, 'Route GET /api/nope not found');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    const echoed = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'req-123' } });
    expect(echoed.headers['x-request-id']).toBe('req-123');
  });
});

describe('a dependency that is down', () => {
  it('ready answers 503 naming Redis and S3; routes needing Postgres answer 503 with Retry-After', async () => {
    const config = testConfig({
      DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
      S3_ENDPOINT: 'http://127.0.0.1:1',
    });
    const app = await buildApp({ config });
    try {
      const ready = await app.inject({ method: 'GET', url: '/api/ready' });
      const body = expectError(ready, 503);
      expect(body.message).toBe('not ready: postgres, redis, s3 unreachable');
      expect(ready.headers['retry-after']).toBe('5');

      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.co', password: 'password1' } });
      const err = expectError(login, 503);
      expect(err.message).toMatch(/postgres/);
      expect(login.headers['retry-after']).toBeDefined();
      expect(err.message).not.toMatch(/nothing|127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await app.close();
    }
  });

  it('a working app with S3 down: ready names only s3', async () => {
    const healthy = useTestAppLike();
    const app = await buildApp({ config: testConfig({ DATABASE_URL: healthy, S3_ENDPOINT: 'http://127.0.0.1:1' }) });
    try {
      const ready = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(expectError(ready, 503).message).toBe('not ready: s3 unreachable');
    } finally {
      await app.close();
    }
  });
});

// The shared dev database is enough for a readiness probe (it only runs `select 1`).
function useTestAppLike(): string {
  return process.env.DATABASE_URL!;
}

describe('signup through to every protected route', () => {
  const t = useTestApp();
  it('a fresh account can use each route', async () => {
    const u = await signup(t.app);
    for (const url of ['/api/auth/me', '/api/sessions', '/api/sessions/stats', '/api/settings']) {
      expect((await t.app.inject({ method: 'GET', url, headers: u.auth })).statusCode, url).toBe(200);
    }
  });
});
