/**
 * Typed environment configuration. Each service declares a spec of variables; `loadConfig` reads them
 * all, collects every problem, and fails once with a message naming each bad or missing variable.
 */
import { isKnownDefaultSecret } from './known-secrets.js';

export { isKnownDefaultSecret, KNOWN_DEFAULT_SECRETS } from './known-secrets.js';

export type Env = Record<string, string | undefined>;

export interface Var<T> {
  /** The value when the variable is unset; omit to make the variable required. */
  default?: T;
  /** Human description of the rule, used in error messages and the README table. */
  describe: string;
  parse(raw: string): T;
  /** Never echoed in messages; with NODE_ENV=production, a well-known default or placeholder value is refused. */
  secret?: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

class ParseError extends Error {}

export function str(opts: { default?: string; minLength?: number; secret?: boolean } = {}): Var<string> {
  const min = opts.minLength ?? 1;
  return {
    ...(opts.default !== undefined ? { default: opts.default } : {}),
    secret: opts.secret ?? false,
    describe: min > 1 ? `a string of at least ${min} characters` : 'a non-empty string',
    parse(raw) {
      if (raw.length < min) throw new ParseError(this.describe);
      return raw;
    },
  };
}

export function optionalStr(): Var<string | undefined> {
  return { default: undefined, describe: 'a string (optional)', parse: (raw) => raw || undefined };
}

export function int(opts: { default?: number; min?: number; max?: number } = {}): Var<number> {
  const min = opts.min ?? Number.MIN_SAFE_INTEGER;
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  return {
    ...(opts.default !== undefined ? { default: opts.default } : {}),
    describe: `an integer${opts.min !== undefined ? ` ≥ ${min}` : ''}${opts.max !== undefined ? ` ≤ ${max}` : ''}`,
    parse(raw) {
      if (!/^-?\d+$/.test(raw.trim())) throw new ParseError(this.describe);
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || n < min || n > max) throw new ParseError(this.describe);
      return n;
    },
  };
}

export function bool(opts: { default?: boolean } = {}): Var<boolean> {
  return {
    ...(opts.default !== undefined ? { default: opts.default } : {}),
    describe: 'true or false',
    parse(raw) {
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      throw new ParseError(this.describe);
    },
  };
}

export function url(opts: { default?: string; protocols?: string[] } = {}): Var<string> {
  const protocols = opts.protocols;
  return {
    ...(opts.default !== undefined ? { default: opts.default } : {}),
    describe: protocols ? `a URL (${protocols.join(', ')})` : 'a URL',
    parse(raw) {
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        throw new ParseError(this.describe);
      }
      if (protocols && !protocols.includes(u.protocol.replace(/:$/, ''))) throw new ParseError(this.describe);
      return raw;
    },
  };
}

/** An optional URL: unset means the feature it configures is off. */
export function optionalUrl(opts: { protocols?: string[] } = {}): Var<string | undefined> {
  const { parse, describe } = url(opts);
  return { default: undefined, describe: `${describe} (optional)`, parse: (raw) => parse.call({ describe }, raw) };
}

export function oneOf<const T extends string>(values: readonly T[], opts: { default?: T } = {}): Var<T> {
  return {
    ...(opts.default !== undefined ? { default: opts.default } : {}),
    describe: `one of ${values.join(', ')}`,
    parse(raw) {
      if (!(values as readonly string[]).includes(raw)) throw new ParseError(this.describe);
      return raw as T;
    },
  };
}

/** A comma-separated list, each item checked by `item`. */
export function list<T extends string>(item: Var<T>, opts: { default?: T[] } = {}): Var<T[]> {
  return {
    ...(opts.default !== undefined ? { default: opts.default } : {}),
    describe: `a comma-separated list, each ${item.describe}`,
    parse(raw) {
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => item.parse(s));
    },
  };
}

/** Durations like 7d, 12h, 30m, 45s or a number of seconds (the JWT_EXPIRES_IN style). */
export function duration(opts: { default?: string } = {}): Var<string> {
  return {
    ...(opts.default !== undefined ? { default: opts.default } : {}),
    describe: 'a duration such as 7d, 12h, 30m, 45s or seconds',
    parse(raw) {
      if (!/^\d+\s*(ms|s|m|h|d|w)?$/.test(raw.trim())) throw new ParseError(this.describe);
      return raw.trim();
    },
  };
}

export type Spec = Record<string, Var<unknown>>;
export type ConfigOf<S extends Spec> = { [K in keyof S]: S[K] extends Var<infer T> ? T : never };

export function loadConfig<S extends Spec>(spec: S, env: Env = process.env): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, v] of Object.entries(spec)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if ('default' in v) out[name] = v.default;
      else problems.push(`${name} is required (${v.describe})`);
      continue;
    }
    try {
      out[name] = v.parse(raw);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      // Never echo a secret's value back into logs.
      problems.push(`${name} must be ${v.describe}${v.secret ? '' : ` (got "${raw.slice(0, 80)}")`}`);
      continue;
    }
    // Everyone can read the defaults shipped in this repository and its tools: production must bring its own.
    if (v.secret && env.NODE_ENV === 'production' && isKnownDefaultSecret(raw)) {
      problems.push(`${name} is a well-known default or placeholder, refused in production: set a random one (e.g. openssl rand -base64 48)`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

/**
 * The S3_* variables, the same for the API and the worker (both store and read objects): spread into
 * each service's spec. `storageFromConfig` (packages/storage) builds the client from them.
 */
export const s3ConfigSpec = {
  S3_ENDPOINT: optionalStr(),
  S3_REGION: str({ default: 'us-east-1' }),
  S3_BUCKET: str({ default: 'claude-scope' }),
  S3_ACCESS_KEY_ID: optionalStr(),
  S3_SECRET_ACCESS_KEY: { ...optionalStr(), secret: true },
  S3_FORCE_PATH_STYLE: bool({ default: true }),
};
