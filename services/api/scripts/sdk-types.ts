import { randomBytes } from 'node:crypto';
import { renderOpenApiTypes } from '@claude-scope/sdk/codegen';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';

/** The SDK's committed types, relative to this folder. */
export const SDK_TYPES_FILE = new URL('../../../packages/sdk/src/generated/openapi.ts', import.meta.url);

/**
 * The OpenAPI document exactly as GET /api/openapi.json serves it, from an app built but never listening.
 * Postgres, Redis and S3 need not be up: no route runs but the document's (a missing Redis costs a few
 * seconds of connection attempts). Only config-independent routes are in the document, so the defaults
 * below give the same document as any deployment.
 */
export async function servedOpenApiDocument(env: NodeJS.ProcessEnv = process.env): Promise<object> {
  const config = loadApiConfig({
    DATABASE_URL: 'postgres://localhost:5432/claude_scope',
    REDIS_URL: 'redis://127.0.0.1:6379',
    ...env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await buildApp({ config, redisNamespace: `openapi-${randomBytes(4).toString('hex')}` });
  try {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
    return res.json<object>();
  } finally {
    await app.close();
  }
}

export async function renderServedTypes(env?: NodeJS.ProcessEnv): Promise<string> {
  return renderOpenApiTypes(await servedOpenApiDocument(env));
}
