import { bool, ConfigError, duration, int, list, loadConfig, oneOf, optionalStr, optionalUrl, str, url, s3ConfigSpec, type ConfigOf, type Env } from '@claude-scope/config';

/** Every variable the API reads. README's table is written from this list. */
export const apiConfigSpec = {
  NODE_ENV: oneOf(['development', 'production', 'test'] as const, { default: 'development' }),
  HOST: str({ default: '0.0.0.0' }),
  PORT: int({ default: 3000, min: 0, max: 65535 }),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, { default: 'info' }),
  TRUST_PROXY: bool({ default: false }),
  DATABASE_URL: url({ protocols: ['postgres', 'postgresql'] }),
  DATABASE_POOL_MAX: int({ default: 10, min: 1, max: 200 }),
  REDIS_URL: url({ protocols: ['redis', 'rediss'] }),
  ...s3ConfigSpec,
  JWT_SECRET: str({ minLength: 32, secret: true }),
  JWT_EXPIRES_IN: duration({ default: '7d' }),
  /**
   * An external identity provider's JSON Web Key Set: RS256 tokens it signs are accepted too, and their
   * (iss, sub) gets an account of its own on first use. Needs JWT_ISSUER.
   */
  JWT_JWKS_URL: optionalUrl({ protocols: ['https', 'http'] }),
  /** The `iss` external tokens must carry (exactly). */
  JWT_ISSUER: optionalStr(),
  /** When set, the `aud` external tokens must carry (or include). */
  JWT_AUDIENCE: optionalStr(),
  AUTH_RATE_LIMIT_MAX: int({ default: 10, min: 1 }),
  AUTH_RATE_LIMIT_WINDOW_MS: int({ default: 60_000, min: 1000 }),
  MAX_UPLOAD_BYTES: int({ default: 100 * 1024 * 1024, min: 1 }),
  /** Uploads (POST /recordings) one account may make per hour; beyond, 429 with Retry-After. */
  UPLOAD_RATE_LIMIT: int({ default: 60, min: 1 }),
  /** Uploads of one account processing at once; beyond, 429 with Retry-After (the lanes are shared by all accounts). */
  MAX_PROCESSING_PER_ACCOUNT: int({ default: 5, min: 1 }),
  RECORDING_SYNC_TIMEOUT_MS: int({ default: 120_000, min: 0 }),
  QUEUE_PREFIX: str({ default: 'claude-scope' }),
  /** Prompt size budget for prompts the API renders (GET /sessions/:id/prompt); workers read the same variable. */
  PROMPT_MAX_CHARS: int({ default: 60_000, min: 1_000 }),
  /**
   * Host names /mcp answers for (its DNS-rebinding guard): the Host header, and a browser's Origin when one is
   * sent, must name one of them. Add the public host name the API is reached by; `*` allows any Host.
   */
  MCP_ALLOWED_HOSTS: list(str(), { default: ['localhost', '127.0.0.1', '[::1]'] }),
  /** Where the built web app is (default: services/web/dist next to this service). */
  WEB_DIST_DIR: optionalStr(),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: { ...optionalStr(), secret: true },
  /** Bull Board at /admin/queues, behind HTTP basic auth with these; off unless both are set. */
  ADMIN_USER: optionalStr(),
  ADMIN_PASSWORD: { ...optionalStr(), secret: true },
};

export type ApiConfig = ConfigOf<typeof apiConfigSpec>;

export function loadApiConfig(env: Env = process.env): ApiConfig {
  const config = loadConfig(apiConfigSpec, env);
  // Without a pinned issuer, any token signed by the key set's keys would do, whoever it was meant for.
  if (config.JWT_JWKS_URL && !config.JWT_ISSUER) throw new ConfigError(['JWT_ISSUER is required when JWT_JWKS_URL is set (the iss external tokens must carry)']);
  return config;
}
