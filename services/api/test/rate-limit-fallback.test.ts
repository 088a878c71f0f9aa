import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { fallbackRateLimitStore } from '../src/lib/rate-limit-store.js';
import { expectError, useTestApp } from './helpers.js';

describe('auth rate limits while Redis is down', () => {
  // Nothing listens on port 1: the API starts without Redis (readiness reports it) and rate-limits in process.
  const t = useTestApp({ REDIS_URL: 'redis://127.0.0.1:1', AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_MS: '60000' });

  it('still answers 429 with Retry-After past the limit, instead of letting every guess through', async () => {
    expect(t.app.redis.status).not.toBe('ready');
    const login = () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@example.com', password: 'guess-guess' } });
    for (let i = 0; i < 3; i++) expect((await login()).statusCode).toBe(401);
    const limited = await login();
    expectError(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the fallback rate-limit store', () => {
  const clients: Redis[] = [];
  const redis = () => {
    const r = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    clients.push(r);
    return r;
  };
  afterAll(() => clients.forEach((c) => c.disconnect()));
  const log = pino({ level: 'silent' });
  const incr = (store: { incr: Function }, key: string) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (err: Error | null, r: { current: number; ttl: number }) => (err ? reject(err) : resolve(r)), 60_000));

  it('counts in Redis, shared by every API replica, and in process once Redis goes away', async () => {
    const ns = `test-${randomBytes(4).toString('hex')}:`;
    const [a, b] = [redis(), redis()];
    await Promise.all([a, b].map((c) => new Promise((r) => c.once('ready', r))));
    const Store = fallbackRateLimitStore(a, ns, log);
    const replicaA = new Store().child({ routeInfo: { method: 'POST', url: '/login' } });
    const replicaB = new (fallbackRateLimitStore(b, ns, log))().child({ routeInfo: { method: 'POST', url: '/login' } });
    expect((await incr(replicaA, 'ip')).current).toBe(1);
    expect((await incr(replicaB, 'ip')).current).toBe(2);
    const viaRedis = await incr(replicaA, 'ip');
    expect(viaRedis.current).toBe(3);
    expect(viaRedis.ttl).toBeGreaterThan(50_000);
    expect(await a.get(`${ns}POST/login-ip`)).toBe('3');

    a.disconnect();
    // Counting goes on in this process (a fresh window there), never "unlimited".
    const local = [await incr(replicaA, 'ip'), await incr(replicaA, 'ip')];
    expect(local.map((r) => r.current)).toEqual([1, 2]);
    expect(local[1]!.ttl).toBeGreaterThan(50_000);
    await b.del(`${ns}POST/login-ip`);
  });
});
