import { createPublicKey } from 'node:crypto';

/** The key set could not be fetched and no key from an earlier fetch can stand in. */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
}

export interface JwksOptions {
  /** Keys are fetched again after this long (default 10 min), so rotations reach us without a restart. */
  maxAgeMs?: number;
  /**
   * An unknown `kid` fetches the set again at most this often (default 30 s): a rotation is picked up at
   * once, while tokens with made-up kids cannot turn the API into a flood of requests to the provider.
   */
  refetchCooldownMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** NIST's floor for RSA signatures since 2015. */
const MIN_RSA_BITS = 2048;

interface Jwk {
  kty?: unknown;
  kid?: unknown;
  use?: unknown;
  alg?: unknown;
  n?: unknown;
  e?: unknown;
}

/**
 * An identity provider's JSON Web Key Set: its RSA signing keys as PEM, by `kid`. One fetch at a time;
 * when a refresh fails, the keys already known go on serving (the provider being briefly down must not
 * sign everybody out).
 */
export class JwksKeys {
  private keys = new Map<string, string>();
  private fetchedAt = -Infinity;
  private triedAt = -Infinity;
  private inflight: Promise<void> | null = null;
  private lastError = '';
  private readonly maxAgeMs: number;
  private readonly cooldownMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly url: string,
    o: JwksOptions = {},
  ) {
    this.maxAgeMs = o.maxAgeMs ?? 10 * 60_000;
    this.cooldownMs = o.refetchCooldownMs ?? 30_000;
    this.timeoutMs = o.timeoutMs ?? 5_000;
    this.fetchImpl = o.fetch ?? fetch;
  }

  /**
   * The PEM of the key a token names (`kid`; a token without one may use a set holding a single key),
   * or null when the set has no such key. Throws JwksUnavailableError when the set cannot be read and
   * nothing is known yet.
   */
  async key(kid: string | undefined): Promise<string | null> {
    const now = Date.now();
    const due = now - this.triedAt > this.cooldownMs;
    if (this.fetchedAt === -Infinity) {
      // Nothing known yet: every request could only fail, so fetch (at most once per cooldown) or report.
      if (!due && !this.inflight) throw new JwksUnavailableError(this.lastError);
      await this.refresh();
    } else if (due && (now - this.fetchedAt > this.maxAgeMs || this.pick(kid) === null)) {
      await this.refresh();
    }
    return this.pick(kid);
  }

  private pick(kid: string | undefined): string | null {
    if (kid !== undefined) return this.keys.get(kid) ?? null;
    return this.keys.size === 1 ? [...this.keys.values()][0]! : null;
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async load(): Promise<void> {
    this.triedAt = Date.now();
    let body: { keys?: unknown };
    try {
      const res = await this.fetchImpl(this.url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = (await res.json()) as { keys?: unknown };
      if (!Array.isArray(body.keys)) throw new Error('no "keys" array');
    } catch (err) {
      this.lastError = `the identity provider's key set (${this.url}) could not be read: ${(err as Error).message}`;
      if (this.keys.size > 0) return; // keep serving the keys we have; retried after the cooldown
      throw new JwksUnavailableError(this.lastError);
    }
    const keys = new Map<string, string>();
    (body.keys as Jwk[]).forEach((jwk, i) => {
      // RSA signing keys only: encryption keys and other key types never verify a token here.
      if (jwk.kty !== 'RSA' || (jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== 'RS256')) return;
      if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return;
      try {
        const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
        // Weak or degenerate moduli (a garbled `n` still parses) never sign anything we accept.
        if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return;
        keys.set(typeof jwk.kid === 'string' ? jwk.kid : `#${i}`, key.export({ type: 'spki', format: 'pem' }).toString());
      } catch {
        // A malformed key is skipped; the others still serve.
      }
    });
    this.keys = keys;
    this.fetchedAt = Date.now();
  }
}
