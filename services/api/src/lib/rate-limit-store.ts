import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

type Counted = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Counted) => void;

// One fixed window per key: INCR (or read), the window starting with the first hit. Atomic, so concurrent
// requests on several API replicas each get their own count.
const SCRIPT = `
local n
if ARGV[2] == '1' then
  n = redis.call('INCR', KEYS[1])
  if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
else
  n = tonumber(redis.call('GET', KEYS[1]) or '0')
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
if ttl < 0 then ttl = 0 end
return {n, ttl}`;

/** A Redis command slower than this counts as Redis being down (a hung server must not hang logins). */
const REDIS_TIMEOUT_MS = 500;
/** Keys the in-process fallback remembers (oldest forgotten first), so an attack on many keys is bounded. */
const LOCAL_MAX_KEYS = 10_000;

/** What @fastify/rate-limit calls on a store. */
export interface RateLimitStore {
  incr(key: string, cb: Callback, timeWindow: number): void;
  read(key: string, cb: Callback, timeWindow: number): void;
  child(routeOptions: object): RateLimitStore;
}

/** The in-process fallback: the same fixed windows, per API process. */
class LocalWindows {
  private readonly windows = new Map<string, { n: number; resetAt: number }>();

  hit(key: string, windowMs: number, increment: boolean): Counted {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (!increment) return { current: 0, ttl: 0 };
      this.windows.delete(key);
      w = { n: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
      if (this.windows.size > LOCAL_MAX_KEYS) this.windows.delete(this.windows.keys().next().value!);
    }
    if (increment) w.n++;
    return { current: w.n, ttl: w.resetAt - now };
  }
}

interface Shared {
  redis: Redis;
  log: FastifyBaseLogger;
  /** Whether the last Redis call failed, so the switch is logged once each way, not per request. */
  degraded: boolean;
}

/**
 * A @fastify/rate-limit store that counts in Redis (shared by every API replica) and, while Redis is down
 * or slow, in this process instead. The library's own Redis store with `skipOnError` lets every request
 * through during an outage, which turns a Redis failure into unlimited password guessing; failing closed
 * (503) would instead lock every user out of signing in because a cache is down. Counting locally keeps
 * the limit, at worst per replica (N replicas allow N × the limit), and sign-in keeps working. Counts made
 * locally are not carried into Redis when it returns (a window restarts there).
 */
class FallbackStore implements RateLimitStore {
  constructor(
    private readonly shared: Shared,
    private readonly prefix: string,
    private readonly local = new LocalWindows(),
  ) {}

  incr(key: string, cb: Callback, timeWindow: number): void {
    this.count(key, timeWindow, true).then((r) => cb(null, r), cb);
  }

  read(key: string, cb: Callback, timeWindow: number): void {
    this.count(key, timeWindow, false).then((r) => cb(null, r), cb);
  }

  // The plugin passes the route's merged options with `routeInfo` (its typings say RouteOptions).
  child(routeOptions: object): FallbackStore {
    const info = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo;
    const route = info?.url ? `${info.method}${info.url}-` : '';
    return new FallbackStore(this.shared, `${this.prefix}${route}`);
  }

  private async count(key: string, windowMs: number, increment: boolean): Promise<Counted> {
    const { redis, log } = this.shared;
    if (redis.status === 'ready') {
      try {
        const [current, ttl] = await withTimeout(
          redis.eval(SCRIPT, 1, this.prefix + key, String(windowMs), increment ? '1' : '0') as Promise<[number, number]>,
        );
        if (this.shared.degraded) log.info('rate limits are counted in Redis again');
        this.shared.degraded = false;
        return { current, ttl };
      } catch (err) {
        if (!this.shared.degraded) log.warn({ err }, 'redis unavailable: rate limits are counted in this process until it is back');
        this.shared.degraded = true;
      }
    } else if (!this.shared.degraded) {
      log.warn({ redis: redis.status }, 'redis unavailable: rate limits are counted in this process until it is back');
      this.shared.degraded = true;
    }
    return this.local.hit(key, windowMs, increment);
  }
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The store class to pass as @fastify/rate-limit's `store` option (the plugin instantiates it). */
export function fallbackRateLimitStore(redis: Redis, namespace: string, log: FastifyBaseLogger): new () => RateLimitStore {
  const shared: Shared = { redis, log, degraded: false };
  return class extends FallbackStore {
    constructor() {
      super(shared, namespace);
    }
  };
}
