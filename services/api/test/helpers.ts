import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';
import { buildApp, type App } from '../src/app.js';
import { loadApiConfig, type ApiConfig } from '../src/config.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export function testConfig(overrides: Record<string, string> = {}): ApiConfig {
  return loadApiConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    AUTH_RATE_LIMIT_MAX: '10000',
    // Limits are tested where they are the subject (upload-limits.test.ts), not tripped over by other suites.
    UPLOAD_RATE_LIMIT: '10000',
    MAX_PROCESSING_PER_ACCOUNT: '10000',
    // The API alone, whether or not services/web/dist happens to be built (the web e2e builds it mid-run):
    // the web plugin and its fallback are tested in services/web/test/server.
    WEB_DIST_DIR: '/nonexistent/claude-scope-web-dist',
    ...overrides,
  });
}

/**
 * One real Postgres database per test file (cloned from the migrated template), and an app built on it.
 * Every file gets its own Redis namespace too, so rate-limit counters never leak between files.
 */
export function useTestApp(overrides: Record<string, string> = {}) {
  const ctx = {} as { app: App; db: TestDatabase; config: ApiConfig };
  beforeAll(async () => {
    ctx.db = await createTestDatabase();
    ctx.config = testConfig({ DATABASE_URL: ctx.db.url, ...overrides });
    ctx.app = await buildApp({ config: ctx.config, redisNamespace: `test-${randomBytes(4).toString('hex')}` });
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.db?.drop();
  });
  return ctx;
}

let counter = 0;

export interface TestUser {
  token: string;
  id: string;
  email: string;
  auth: { authorization: string };
}

export async function signup(app: App, fields: Partial<{ name: string; email: string; password: string }> = {}): Promise<TestUser> {
  const email = fields.email ?? `user${++counter}-${randomBytes(3).toString('hex')}@example.com`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { name: fields.name ?? 'Test User', email, password: fields.password ?? 'correct horse battery' },
  });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { token: body.accessToken, id: body.user.id, email, auth: { authorization: `Bearer ${body.accessToken}` } };
}

export async function createSession(app: App, user: TestUser, payload: Record<string, unknown> = { title: 'A session' }) {
  const res = await app.inject({ method: 'POST', url: '/api/sessions', headers: user.auth, payload });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function expectError(res: { statusCode: number; json(): unknown }, statusCode: number, message?: string | RegExp) {
  const body = res.json() as { statusCode: number; error: string; message: string };
  if (res.statusCode !== statusCode) throw new Error(`expected ${statusCode}, got ${res.statusCode}: ${JSON.stringify(body)}`);
  if (body.statusCode !== statusCode || typeof body.error !== 'string' || typeof body.message !== 'string') {
    throw new Error(`not a contract error body: ${JSON.stringify(body)}`);
  }
  if (message instanceof RegExp ? !message.test(body.message) : message !== undefined && body.message !== message) {
    throw new Error(`unexpected message: ${body.message} (wanted ${String(message)})`);
  }
  return body;
}
