import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { seedProcessedSession, seedProcessingSession } from '../../../services/api/test/agents-fixture.js';
import { signup, useTestApp, type TestUser } from '../../../services/api/test/helpers.js';

export const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(PKG, 'bin', 'claude-scope.js');

/** The CLI as users get it: bundled to dist/ first (a clean clone has no build), then run as a child process. */
export async function buildCli(): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(PKG, 'scripts', 'build.mjs')], { cwd: PKG });
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string | undefined>, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

/**
 * A real API listening on 127.0.0.1 (its own database, Redis queue prefix and S3 objects), the CLI built,
 * two accounts, and the owner's processed and still-processing sessions.
 */
export function useAgentStack() {
  const queuePrefix = `test-cli-${Math.random().toString(36).slice(2, 10)}`;
  const api = useTestApp({ QUEUE_PREFIX: queuePrefix });
  const ctx = { api, queuePrefix, url: '', owner: {} as TestUser, other: {} as TestUser, sessionId: '', processingId: '', home: '' };
  beforeAll(async () => {
    await buildCli();
    ctx.url = (await api.app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    ctx.owner = await signup(api.app);
    ctx.other = await signup(api.app);
    ctx.sessionId = await seedProcessedSession(api.app, ctx.owner);
    ctx.processingId = await seedProcessingSession(api.app, ctx.owner);
    ctx.home = mkdtempSync(path.join(tmpdir(), 'claude-scope-cli-'));
  });
  afterAll(() => {
    if (ctx.home) rmSync(ctx.home, { recursive: true, force: true });
  });
  return ctx;
}
