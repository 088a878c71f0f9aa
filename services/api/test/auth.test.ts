import { createHmac, generateKeyPairSync, createSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ISO_MS, TEST_JWT_SECRET, expectError, signup, useTestApp } from './helpers.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function hs256(payload: object, secret = TEST_JWT_SECRET, header: object = { alg: 'HS256', typ: 'JWT' }) {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);

describe('auth', () => {
  const t = useTestApp();

  it('signs up: 201 with a token and the user; the email is trimmed and lower-cased', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { name: 'Ada Lovelace', email: '  Ada@Example.COM ', password: 'analytical-engine' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'user']);
    expect(body.user).toEqual({
      id: expect.stringMatching(/^usr_[A-Z0-9]{12}$/),
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      avatarUrl: null,
      createdAt: expect.stringMatching(ISO_MS),
    });
    // The token's subject is the user id, HS256, with an expiry 7 days out by default.
    const [header, payload] = body.accessToken.split('.').slice(0, 2).map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload.sub).toBe(body.user.id);
    expect(payload.exp - payload.iat).toBe(7 * 24 * 3600);
  });

  it('stores a memory-hard hash, never the password', async () => {
    await signup(t.app, { email: 'hash@example.com', password: 'plain-text-never' });
    const { rows } = await t.app.db.$client.query("select password_hash from users where email = 'hash@example.com'");
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain('plain-text-never');
  });

  it('creates the settings row with the defaults at signup', async () => {
    const u = await signup(t.app);
    const { rows } = await t.app.db.$client.query('select * from settings where user_id = $1', [u.id]);
    expect(rows).toHaveLength(1);
    const res = await t.app.inject({ method: 'GET', url: '/api/settings', headers: u.auth });
    expect(res.json()).toEqual({ defaultAgent: 'CLAUDE_CODE', includeScreenshots: true, inlineAriaTree: true, includeRawDiff: false, maxRecordingLength: 10, keepPlayback: false });
  });

  it('409 for a duplicate email, case-insensitively', async () => {
    await signup(t.app, { email: 'dup@example.com' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { name: 'Again', email: 'DUP@example.com', password: 'password123' },
    });
    expectError(res, 409, 'email is already registered');
  });

  it.each([
    [{ email: 'a@b.co', password: 'password123' }, 'name is required'],
    [{ name: '', email: 'a@b.co', password: 'password123' }, 'name must NOT have fewer than 1 characters'],
    [{ name: 'x'.repeat(256), email: 'a@b.co', password: 'password123' }, 'name must NOT have more than 255 characters'],
    [{ name: 'N', email: 'not-an-email', password: 'password123' }, 'email must match format "email"'],
    [{ name: 'N', email: 'a@b.co', password: 'short' }, 'password must NOT have fewer than 8 characters'],
    [{ name: 'N', email: 'a@b.co', password: 'p'.repeat(129) }, 'password must NOT have more than 128 characters'],
    [{ name: 'N', email: 'a@b.co', password: 'password123', role: 'admin' }, 'role is not an allowed field'],
    [{ name: 'N', email: 'a@b.co', password: 12345678 }, 'password must be string'],
  ])('signup validation %#: 400 naming the field', async (payload, message) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
    expectError(res, 400, message);
  });

  it('counts name length in Unicode code points', async () => {
    const name = '😀'.repeat(255); // 510 UTF-16 units, 255 code points: allowed
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name, email: 'emoji@example.com', password: 'password123' } });
    expect(res.statusCode).toBe(201);
  });

  it('logs in with the right password (any email case), 401 Invalid credentials otherwise', async () => {
    await signup(t.app, { email: 'login@example.com', password: 'the-right-one' });
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ' LOGIN@example.com', password: 'the-right-one' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe('login@example.com');
    expect(ok.json().accessToken).toEqual(expect.any(String));

    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'login@example.com', password: 'the-wrong-one' } });
    expect(wrong.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials' });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.com', password: 'whatever1' } });
    expect(unknown.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials' });
    expectError(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'login@example.com' } }), 400, 'password is required');
  });

  it('GET /auth/me returns the user', async () => {
    const u = await signup(t.app, { name: 'Me Myself' });
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: u.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: u.id, name: 'Me Myself', email: u.email, avatarUrl: null });
  });

  describe('rejects bad tokens with the contract 401', () => {
    const UNAUTHORIZED = { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' };
    const cases: [string, () => Promise<Record<string, string>>][] = [
      ['no Authorization header', async () => ({})],
      ['a non-Bearer scheme', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
      ['a malformed token', async () => ({ authorization: 'Bearer not.a.jwt' })],
      ['garbage after Bearer', async () => ({ authorization: 'Bearer ' })],
      [
        'alg: none',
        async () => {
          const u = await signup(t.app);
          return { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: u.id, iat: now() })}.` };
        },
      ],
      [
        'an expired token',
        async () => {
          const u = await signup(t.app);
          return { authorization: `Bearer ${hs256({ sub: u.id, iat: now() - 3600, exp: now() - 60 })}` };
        },
      ],
      [
        'a token signed with another secret',
        async () => {
          const u = await signup(t.app);
          return { authorization: `Bearer ${hs256({ sub: u.id, iat: now() }, 'another-secret-another-secret-another')}` };
        },
      ],
      [
        'a tampered payload',
        async () => {
          const u = await signup(t.app);
          const [h, , s] = u.token.split('.');
          return { authorization: `Bearer ${h}.${b64({ sub: 'usr_AAAAAAAAAAAA', iat: now() })}.${s}` };
        },
      ],
      [
        'an RS256 token (algorithm confusion)',
        async () => {
          const u = await signup(t.app);
          const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
          const head = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: u.id, iat: now() })}`;
          const sig = createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url');
          return { authorization: `Bearer ${head}.${sig}` };
        },
      ],
      [
        'a token whose user no longer exists',
        async () => ({ authorization: `Bearer ${hs256({ sub: 'usr_ZZZZZZZZZZZZ', iat: now() })}` }),
      ],
    ];
    it.each(cases)('%s', async (_name, headers) => {
      const h = await headers();
      for (const url of ['/api/auth/me', '/api/sessions', '/api/settings']) {
        const res = await t.app.inject({ method: 'GET', url, headers: h });
        if (url !== '/api/auth/me' && _name === 'a token whose user no longer exists') continue;
        expect(res.statusCode, url).toBe(401);
        expect(res.json()).toEqual(UNAUTHORIZED);
      }
    });
  });
});

describe('auth rate limits', () => {
  const t = useTestApp({ AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_MS: '60000' });

  it('answers 429 with Retry-After once the window is used up (login and signup)', async () => {
    const login = () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@example.com', password: 'nope-nope' } });
    for (let i = 0; i < 3; i++) expect((await login()).statusCode).toBe(401);
    const limited = await login();
    expectError(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const signupReq = (i: number) =>
      t.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { name: 'R', email: `r${i}@example.com`, password: 'password123' } });
    for (let i = 0; i < 3; i++) expect((await signupReq(i)).statusCode).toBe(201);
    const limitedSignup = await signupReq(99);
    expectError(limitedSignup, 429);
    expect(limitedSignup.headers['retry-after']).toBeDefined();
  });
});
