import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@claude-scope/config';
import { JwksKeys } from '../src/lib/jwks.js';
import { expectError, signup, testConfig, useTestApp } from './helpers.js';

/**
 * RS256 tokens from an external identity provider, verified against its JSON Web Key Set, served here
 * by a local HTTP server the tests control (rotation, outage, request count).
 */
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const ISSUER = 'https://id.example.test/';
const AUDIENCE = 'claude-scope';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyA = rsa();
const keyB = rsa();
const stranger = rsa();

function rs256(payload: object, privateKey: KeyObject, header: object = { alg: 'RS256', typ: 'JWT', kid: 'a' }) {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
}
const jwk = (k: { publicKey: KeyObject }, kid: string) => ({ ...k.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' });
const claims = (over: object = {}) => ({ iss: ISSUER, aud: AUDIENCE, sub: 'idp|alice', email: 'Alice@Example.test', name: 'Alice Idp', iat: now(), exp: now() + 600, ...over });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// The provider: what it serves can change mid-test; every request is counted.
const provider = { keys: [jwk(keyA, 'a')] as object[], down: false, hits: 0 };
const server = createServer((_req, res) => {
  provider.hits++;
  if (provider.down) return void res.writeHead(503).end();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: provider.keys }));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
afterAll(() => new Promise((r) => server.close(r)));

describe('external RS256 tokens (JWT_JWKS_URL)', () => {
  const t = useTestApp({ JWT_JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
  const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });

  it('accepts a token signed by a key of the set and provisions its account once, from the claims', async () => {
    const token = rs256(claims({ picture: 'https://id.example.test/alice.png' }), keyA.privateKey);
    const first = await me(bearer(token));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ id: expect.stringMatching(/^usr_/), name: 'Alice Idp', email: 'alice@example.test', avatarUrl: 'https://id.example.test/alice.png' });
    // A new token of the same identity (say, after a refresh) is the same account, with its settings row.
    const again = await me(bearer(rs256(claims({ iat: now() + 1 }), keyA.privateKey)));
    expect(again.json().id).toBe(first.json().id);
    const { rows } = await t.app.db.$client.query('select u.password_hash, s.user_id from users u join settings s on s.user_id = u.id where u.id = $1', [first.json().id]);
    expect(rows).toEqual([{ password_hash: null, user_id: first.json().id }]);
    // No password, so no password login for that account (a 401, never a 500).
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'alice@example.test', password: 'anything-at-all' } });
    expectError(login, 401, 'Invalid credentials');
  });

  it('keeps accounts apart: another identity cannot see the first one\'s sessions', async () => {
    const alice = bearer(rs256(claims(), keyA.privateKey));
    const created = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: alice, payload: { title: 'Alice only' } });
    expect(created.statusCode, created.body).toBe(201);
    const bob = bearer(rs256(claims({ sub: 'idp|bob', email: 'bob@example.test', name: undefined, preferred_username: 'bobby' }), keyA.privateKey));
    expect((await me(bob)).json()).toMatchObject({ name: 'bobby', email: 'bob@example.test', avatarUrl: null });
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${created.json().id}`, headers: bob }), 404);
    expect((await t.app.inject({ method: 'GET', url: `/api/sessions/${created.json().id}`, headers: alice })).statusCode).toBe(200);
  });

  it('passes over a name or picture the database could not store (U+0000), as over a missing one', async () => {
    const token = rs256(claims({ sub: 'idp|nulname', email: 'nul@example.test', name: 'Nul\u0000', preferred_username: 'nully', picture: 'https://id.example.test/\u0000.png' }), keyA.privateKey);
    const res = await me(bearer(token));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'nully', email: 'nul@example.test', avatarUrl: null });
  });

  it('still accepts its own HS256 tokens', async () => {
    const u = await signup(t.app);
    expect((await me(u.auth)).statusCode).toBe(200);
  });

  describe('refuses with the contract 401', () => {
    const hs256WithPublicKey = () => {
      // Algorithm confusion: HS256 "signed" with the provider's public key as the HMAC secret.
      const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'a' })}.${b64(claims())}`;
      const secret = keyA.publicKey.export({ type: 'spki', format: 'pem' });
      return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
    };
    const cases: [string, () => string][] = [
      ['a key the set does not hold (same kid)', () => rs256(claims(), stranger.privateKey)],
      ['another issuer', () => rs256(claims({ iss: 'https://evil.example.test/' }), keyA.privateKey)],
      ['another audience', () => rs256(claims({ aud: 'someone-else' }), keyA.privateKey)],
      ['an expired token', () => rs256(claims({ iat: now() - 7200, exp: now() - 3600 }), keyA.privateKey)],
      ['no exp', () => rs256(claims({ exp: undefined }), keyA.privateKey)],
      ['a tampered payload', () => { const [h, , s] = rs256(claims(), keyA.privateKey).split('.'); return `${h}.${b64(claims({ sub: 'idp|mallory' }))}.${s}`; }],
      ['alg: none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
      ['HS256 signed with the public key', hs256WithPublicKey],
      ['no email claim', () => rs256(claims({ sub: 'idp|noemail', email: undefined }), keyA.privateKey)],
      ['an email the provider marks unverified', () => rs256(claims({ sub: 'idp|unverified', email: 'u@example.test', email_verified: false }), keyA.privateKey)],
      ['a sub with U+0000 (no such identity can be stored)', () => rs256(claims({ sub: 'idp|nul\u0000' }), keyA.privateKey)],
      ['a sub with a lone surrogate', () => rs256(claims({ sub: 'idp|\ud800' }), keyA.privateKey)],
    ];
    it.each(cases)('%s', async (_name, token) => {
      const res = await me(bearer(token()));
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('an identity whose email belongs to a password account (no takeover by email)', async () => {
      const local = await signup(t.app, { email: 'taken@example.test' });
      const res = await me(bearer(rs256(claims({ sub: 'idp|taker', email: 'TAKEN@example.test' }), keyA.privateKey)));
      expectError(res, 401, /belongs to an account that signs in with a password/);
      expect((await me(local.auth)).json().email).toBe('taken@example.test');
    });
  });
});

describe('external tokens while the identity provider is down', () => {
  const t = useTestApp({ JWT_JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER });

  it('503 with Retry-After when no key was ever fetched; HS256 tokens are unaffected', async () => {
    provider.down = true;
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(rs256(claims({ aud: undefined }), keyA.privateKey)) });
      expectError(res, 503, /identity provider/);
      expect(res.headers['retry-after']).toBe('30');
      const u = await signup(t.app);
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: u.auth })).statusCode).toBe(200);
    } finally {
      provider.down = false;
    }
  });
});

describe('external tokens when JWT_JWKS_URL is unset', () => {
  const t = useTestApp();

  it('refuses RS256 tokens with the contract 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(rs256(claims(), keyA.privateKey)) });
    expectError(res, 401, 'Unauthorized');
  });

  it('needs JWT_ISSUER with JWT_JWKS_URL, and a http(s) URL', () => {
    expect(() => testConfig({ JWT_JWKS_URL: jwksUrl })).toThrow(ConfigError);
    expect(() => testConfig({ JWT_JWKS_URL: jwksUrl })).toThrow(/JWT_ISSUER is required/);
    expect(() => testConfig({ JWT_JWKS_URL: 'ftp://id.example.test/jwks', JWT_ISSUER: ISSUER })).toThrow(/JWT_JWKS_URL must be a URL \(https, http\)/);
  });
});

describe('JwksKeys', () => {
  const pem = (k: { publicKey: KeyObject }) => k.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('follows a key rotation, but unknown kids fetch the set at most once per cooldown', async () => {
    provider.keys = [jwk(keyA, 'a')];
    const keys = new JwksKeys(jwksUrl, { refetchCooldownMs: 300 });
    const hits = provider.hits;
    expect(await keys.key('a')).toBe(pem(keyA));
    expect(await keys.key('a')).toBe(pem(keyA));
    expect(provider.hits).toBe(hits + 1);
    // Made-up kids within the cooldown: no key, and the provider is not asked again.
    for (let i = 0; i < 5; i++) expect(await keys.key(`made-up-${i}`)).toBeNull();
    expect(provider.hits).toBe(hits + 1);
    // The provider rotates: once the cooldown has passed, the new kid is fetched and found.
    provider.keys = [jwk(keyA, 'a'), jwk(keyB, 'b')];
    await sleep(350);
    expect(await keys.key('b')).toBe(pem(keyB));
    expect(provider.hits).toBe(hits + 2);
  });

  it('keeps serving known keys while the provider is down; only RSA signing keys of ≥ 2048 bits count', async () => {
    provider.keys = [jwk(keyA, 'a'), jwk(keyB, 'b'), { ...jwk(stranger, 'enc'), use: 'enc' }, { kty: 'EC', kid: 'ec', crv: 'P-256', x: 'x', y: 'y' }, { kty: 'RSA', kid: 'broken', n: '!!', e: 'AQAB' }, jwk(generateKeyPairSync('rsa', { modulusLength: 1024 }), 'weak')];
    const keys = new JwksKeys(jwksUrl, { refetchCooldownMs: 0, maxAgeMs: 0 });
    expect(await keys.key('a')).toBe(pem(keyA));
    for (const kid of ['enc', 'ec', 'broken', 'weak']) expect(await keys.key(kid)).toBeNull();
    provider.down = true;
    try {
      expect(await keys.key('a')).toBe(pem(keyA)); // stale, refresh failed: still served
    } finally {
      provider.down = false;
    }
    // Without a kid, a set of one key is unambiguous; a set of several is not.
    expect(await keys.key(undefined)).toBeNull();
    provider.keys = [jwk(keyB, 'b')];
    expect(await new JwksKeys(jwksUrl).key(undefined)).toBe(pem(keyB));
  });

  it('reports the provider down (no fetch storm) when no key was ever fetched', async () => {
    provider.down = true;
    try {
      const keys = new JwksKeys(jwksUrl, { refetchCooldownMs: 60_000 });
      const hits = provider.hits;
      await expect(keys.key('a')).rejects.toThrow(/could not be read: HTTP 503/);
      await expect(keys.key('a')).rejects.toThrow(/could not be read/);
      expect(provider.hits).toBe(hits + 1);
    } finally {
      provider.down = false;
    }
  });
});
