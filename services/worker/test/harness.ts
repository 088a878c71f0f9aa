import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@claude-scope/api/app';
import { loadApiConfig } from '@claude-scope/api/config';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';

const WORKER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface WorkerProcess {
  proc: ChildProcess;
  logs: string[];
  healthPort: number;
  exited: Promise<number | null>;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * The real stack for one test file: a fresh database, the API listening on a loopback port, and worker
 * processes (spawned like production, from src via tsx) on a queue prefix of their own.
 */
export class Stack {
  db!: TestDatabase;
  app!: App;
  apiUrl!: string;
  readonly prefix = `cs-test-${randomBytes(4).toString('hex')}`;
  readonly workers: WorkerProcess[] = [];

  constructor(private readonly opts: { api?: Record<string, string>; worker?: Record<string, string> } = {}) {}

  async start(): Promise<this> {
    this.db = await createTestDatabase();
    const config = loadApiConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'pipeline-test-secret-pipeline-test-secret',
      AUTH_RATE_LIMIT_MAX: '10000',
      UPLOAD_RATE_LIMIT: '10000',
      MAX_PROCESSING_PER_ACCOUNT: '10000',
      DATABASE_URL: this.db.url,
      QUEUE_PREFIX: this.prefix,
      RECORDING_SYNC_TIMEOUT_MS: '90000',
      ...this.opts.api,
    });
    this.app = await buildApp({ config, redisNamespace: this.prefix });
    await this.app.listen({ host: '127.0.0.1', port: 0 });
    this.apiUrl = `http://127.0.0.1:${(this.app.server.address() as AddressInfo).port}`;
    return this;
  }

  workerEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: this.db.url,
      QUEUE_PREFIX: this.prefix,
      PLAYWRIGHT_ALLOW_PRIVATE: 'true',
      WORKER_LOCK_DURATION_MS: '4000',
      WORKER_STALLED_INTERVAL_MS: '2000',
      WORKER_SHUTDOWN_GRACE_MS: '5000',
      WORKER_HEALTH_PORT: '0',
      // A few seconds of CPU at each worker's start; the vision end-to-end test asks for it.
      VISION_OCR_WARM_UP: 'false',
      ...this.opts.worker,
      ...extra,
    };
  }

  /** Spawns a worker process and resolves once it logged that it started. */
  async spawnWorker(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    const healthPort = extra.WORKER_HEALTH_PORT ? Number(extra.WORKER_HEALTH_PORT) : 20000 + Math.floor(Math.random() * 20000);
    const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/main.ts'], {
      cwd: WORKER_DIR,
      env: this.workerEnv({ WORKER_HEALTH_PORT: String(healthPort), ...extra }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        logs.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    const w = { proc, logs, healthPort, exited };
    this.workers.push(w);
    const deadline = Date.now() + 60_000;
    while (!logs.some((l) => l.includes('worker started'))) {
      if (proc.exitCode !== null) throw new Error(`worker exited early:\n${logs.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`worker did not start:\n${logs.join('\n')}`);
      await sleep(100);
    }
    return w;
  }

  async stop(): Promise<void> {
    for (const w of this.workers) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
    await Promise.all(this.workers.map((w) => w.exited));
    await this.app?.close();
    await this.db?.drop();
  }

  async signup(): Promise<{ auth: { authorization: string }; id: string }> {
    const res = await fetch(`${this.apiUrl}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pipeline', email: `p-${randomBytes(4).toString('hex')}@example.com`, password: 'password123' }),
    });
    const body = (await res.json()) as { accessToken: string; user: { id: string } };
    return { auth: { authorization: `Bearer ${body.accessToken}` }, id: body.user.id };
  }

  async upload(
    auth: { authorization: string },
    file: string | Blob,
    fields: Record<string, string>,
    opts: { query?: string; headers?: Record<string, string>; filename?: string } = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const blob = typeof file === 'string' ? new Blob([await readFile(file)]) : file;
    form.append('file', blob, opts.filename ?? 'recording.webm');
    const res = await fetch(`${this.apiUrl}/api/recordings${opts.query ?? ''}`, {
      method: 'POST',
      headers: { ...auth, ...opts.headers },
      body: form,
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  async get(auth: { authorization: string }, url: string): Promise<any> {
    const res = await fetch(`${this.apiUrl}${url}`, { headers: auth });
    return res.json();
  }

  /** Polls the status route until `done(status)` or the timeout; returns every status seen. */
  async pollStatus(auth: { authorization: string }, sessionId: string, timeoutMs = 90_000): Promise<any[]> {
    const seen: any[] = [];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const s = await this.get(auth, `/api/sessions/${sessionId}/status`);
      seen.push(s);
      if (s.sessionStatus !== 'processing') return seen;
      await sleep(200);
    }
    throw new Error(`session ${sessionId} still processing after ${timeoutMs} ms: ${JSON.stringify(seen.at(-1))}`);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(fn: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
