/**
 * API benchmark: `pnpm bench:api` from the repo root.
 *
 * A fresh test database, the real API and a bare Fastify server each in their own child process, one account
 * with 50 sessions (one with a realistic processingStatus), then autocannon from this process against the bare
 * route, the status route (one session), the session list, and the status route spread over all 50 sessions.
 * Writes bench/results/api.md and api.json. Only 127.0.0.1.
 * Children and the database are cleaned up on success, failure, Ctrl-C, and when the time limit is hit.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { closeDb, createDb } from '@claude-scope/db';
import type { ChildMessage, ParentMessage } from './ipc.js';
import { startDatabase, type BenchDatabase, type DatabaseHandle } from './database.js';
import { machineJiffies, postgresCpuSeconds, postgresCpuSince } from './cpu.js';
import { summarise, type CpuProfile } from './profile.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.resolve(HERE, '../../results');
const FINDINGS = path.join(HERE, 'findings.md');

const CONNECTIONS = 50;
const WARMUP_S = 2;
/** BENCH_DURATION_S shortens the measured window for trying changes out (the report says so); 10 s otherwise. */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
if (!(DURATION_S >= 1 && DURATION_S <= 20)) throw new Error('BENCH_DURATION_S must be between 1 and 20 (seconds)');
const SESSIONS = 50;
/** The whole run (setup, 3 × (warm-up + measurement), cleanup) must stay under 2 minutes. */
const HARD_LIMIT_MS = 115_000;
const TARGET = { statusRatio: 0.3, statusP99Ms: 15 };
/** BENCH_PROFILE=1: CPU-profile the API during each measured window; prints where the time went, writes no results. */
const PROFILE = Boolean(process.env.BENCH_PROFILE);
const PROFILE_DIR = path.resolve(HERE, '../../.profiles');
const profiles: { name: string; file: string }[] = [];

// ---------------------------------------------------------------------------------------------------------
// Child processes and cleanup

interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  /** Sends a message and waits for the child's answer of the given type. */
  ask<T extends ChildMessage['type']>(msg: ParentMessage, answer: T): Promise<Extract<ChildMessage, { type: T }>>;
  cpu(): Promise<number>; // CPU seconds (user + system) used so far
}

const children: ChildProcess[] = [];
let database: DatabaseHandle | undefined;
let testDb: BenchDatabase | undefined;
let cleaning: Promise<void> | undefined;

function startServer(name: string, file: string, env: NodeJS.ProcessEnv): Promise<Server> {
  // process.execArgv carries tsx's loader and --conditions=source, so the child runs TypeScript sources too.
  const child = fork(path.join(HERE, file), [], { env, execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.once('exit', (code, signal) => reject(new Error(`${name} exited during startup (${code ?? signal})`)));
    child.once('message', (msg: ChildMessage) => {
      if (msg.type !== 'listening') return;
      clearTimeout(timer);
      const ask: Server['ask'] = (question, answer) =>
        new Promise((res, rej) => {
          const t = setTimeout(() => rej(new Error(`${name} did not answer ${question.type}`)), 10_000);
          const onMessage = (m: ChildMessage) => {
            if (m.type !== answer) return;
            clearTimeout(t);
            child.off('message', onMessage);
            res(m as Extract<ChildMessage, { type: typeof answer }>);
          };
          child.on('message', onMessage);
          child.send(question);
        });
      resolve({
        name,
        child,
        port: msg.port,
        ask,
        cpu: async () => {
          const m = await ask({ type: 'cpu' }, 'cpu');
          return (m.user + m.system) / 1e6;
        },
      });
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.allSettled(children.map(stopChild));
    if (database) {
      const db = await database.ready.catch(() => undefined);
      await database.drop();
      console.log(`bench: stopped ${children.length} server(s)${db ? `, dropped database ${db.name}` : ''}`);
    }
  })();
  return cleaning;
}

function abort(reason: string): void {
  console.error(`bench: ${reason}, cleaning up`);
  void cleanup().finally(() => process.exit(1));
}

// ---------------------------------------------------------------------------------------------------------
// CPU accounting: who used the 2 cores during each measurement

interface CpuShares {
  /** Percent of one core used by each over the measurement (the machine has os.availableParallelism() cores). */
  loadGenerator: number;
  server: number;
  postgres: number;
  /** Everything else on the machine (other people's tests, Redis, the OS): the noise in these numbers. */
  others: number;
  /** Percent of the whole machine (all cores) that was busy, whoever used it. */
  machineBusy: number;
}

async function withCpu<T>(server: Server, fn: () => Promise<T>): Promise<[T, CpuShares]> {
  const t0 = process.hrtime.bigint();
  const [self0, srv0, pg0, m0] = [process.cpuUsage(), await server.cpu(), postgresCpuSeconds(testDb!.name), machineJiffies()];
  const result = await fn();
  const [self1, srv1, pg, m1] = [process.cpuUsage(self0), await server.cpu(), postgresCpuSince(testDb!.name, pg0), machineJiffies()];
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const pct = (s: number) => Math.round((s / wall) * 100);
  const ours = { loadGenerator: pct((self1.user + self1.system) / 1e6), server: pct(srv1 - srv0), postgres: pct(pg) };
  const machineBusy = (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total);
  const allCores = machineBusy * os.availableParallelism() * 100;
  return [
    result,
    {
      ...ours,
      others: Math.max(0, Math.round(allCores - ours.loadGenerator - ours.server - ours.postgres)),
      machineBusy: Math.round(machineBusy * 100),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Seeding through the real API

async function api(base: string, method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; json: any; bytes: number }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, bytes: Buffer.byteLength(text) };
}

function expectStatus(res: { status: number; json: unknown }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.json)}`);
}

/** What a session looks like mid-processing: the video lane running, the Playwright lane done. */
const PROCESSING_STATUS = {
  overallStage: 'analyzing',
  videoLane: { status: 'running', progress: 40, startedAt: '2026-11-22T10:00:00.000Z', detail: 'extracting keyframes: 4 of 10' },
  playwrightLane: {
    status: 'complete',
    progress: 100,
    startedAt: '2026-11-22T10:00:00.000Z',
    completedAt: '2026-11-22T10:00:02.000Z',
    detail: '12 URLs replayed',
  },
  synthesis: { status: 'pending', progress: 0 },
  lastUpdated: '2026-11-22T10:00:02.000Z',
};

async function seed(base: string, dbUrl: string) {
  const signup = await api(base, 'POST', '/api/auth/signup', undefined, {
    name: 'Bench User',
    email: `bench-${randomBytes(4).toString('hex')}@example.com`,
    password: 'correct horse battery staple',
  });
  expectStatus(signup, 201, 'signup');
  const token: string = signup.json.accessToken;
  const ids: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const res = await api(base, 'POST', '/api/sessions', token, {
      title: `Checkout flow regression #${i + 1}: cart total not updating after coupon`,
      seedUrl: `https://shop.example.com/cart?session=${i + 1}`,
      notes: 'Recorded on staging. The total stays at the pre-coupon price until a hard reload.',
      frameCount: 40 + i,
      urlCount: 3 + (i % 7),
    });
    expectStatus(res, 201, `create session ${i + 1}`);
    ids.push(res.json.id);
  }
  const statusId = ids[ids.length - 1]!;
  const db = createDb({ url: dbUrl, max: 1 });
  try {
    await db.$client.query(
      `update sessions set processing_status = $2, processing_started_at = now() - interval '1500 milliseconds' where id = $1`,
      [statusId, PROCESSING_STATUS],
    );
  } finally {
    await closeDb(db);
  }
  // Check once that the measured routes answer what they should, so the load numbers are of real answers.
  const status = await api(base, 'GET', `/api/sessions/${statusId}/status`, token);
  expectStatus(status, 200, 'status route');
  if (status.json.processingStatus?.overallStage !== 'analyzing') throw new Error(`status route: unexpected body ${JSON.stringify(status.json)}`);
  const list = await api(base, 'GET', '/api/sessions', token);
  expectStatus(list, 200, 'list route');
  if (!Array.isArray(list.json) || list.json.length !== SESSIONS) throw new Error(`list route: expected ${SESSIONS} sessions`);
  const plain = await api(base, 'GET', `/api/sessions/${ids[0]}/status`, token);
  expectStatus(plain, 200, 'status route (session without processing status)');
  return { token, ids, statusId, statusBytes: status.bytes, plainStatusBytes: plain.bytes, listBytes: list.bytes };
}

// ---------------------------------------------------------------------------------------------------------
// Measurements

interface Row {
  name: string;
  method: 'GET';
  path: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ratioToBare: number;
  /** Bare route's server CPU per request ÷ this route's: the req/s ratio if both servers got the same CPU. */
  cpuRatioToBare: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  responseBytes: number;
  cpuPercent: CpuShares;
  /** CPU time the server process spent per answered request (µs). */
  serverCpuUsPerRequest: number;
}

async function measure(
  name: string,
  server: Server,
  urlPath: string,
  token: string | undefined,
  responseBytes: number,
  /** Spread the requests over these paths in turn (so concurrent requests ask for different rows). */
  paths?: string[],
): Promise<Omit<Row, 'ratioToBare' | 'cpuRatioToBare'>> {
  let next = 0;
  const opts: autocannon.Options = {
    url: `http://127.0.0.1:${server.port}${urlPath}`,
    connections: CONNECTIONS,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    timeout: 10,
  };
  if (paths) opts.requests = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }];
  process.stdout.write(`  ${name}: warm-up ${WARMUP_S} s, measure ${DURATION_S} s … `);
  await autocannon({ ...opts, duration: WARMUP_S });
  const profile = PROFILE && server.name === 'api';
  if (profile) await server.ask({ type: 'profile-start' }, 'profiling');
  const [r, cpu] = await withCpu(server, () => autocannon({ ...opts, duration: DURATION_S }));
  if (profile) {
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    const file = path.join(PROFILE_DIR, `${name}.cpuprofile`);
    await server.ask({ type: 'profile-stop', file }, 'profiled');
    profiles.push({ name, file });
  }
  const row = {
    name,
    method: 'GET' as const,
    path: urlPath,
    reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    responseBytes,
    cpuPercent: cpu,
    serverCpuUsPerRequest: r.requests.total ? Math.round((cpu.server / 100) * (r.duration * 1e6) / r.requests.total) : 0,
  };
  console.log(`${row.reqPerSec} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms`);
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Report

function table(rows: Row[]): string {
  const head = ['target', 'route', 'req/s', 'p50 ms', 'p99 ms', '× bare', 'non-2xx / errors', 'server CPU µs/req', '× bare at equal CPU', 'CPU % of 1 core: loadgen / server / postgres / others'];
  const lines = rows.map((r) => [
    r.name,
    `\`${r.method} ${r.path.replace(/sess_[A-Za-z0-9]+/, ':id')}\`${r.name === 'status-spread' ? ` over ${SESSIONS} sessions` : ''}`,
    String(r.reqPerSec),
    String(r.p50Ms),
    String(r.p99Ms),
    r.ratioToBare.toFixed(2),
    `${r.non2xx} / ${r.errors}`,
    String(r.serverCpuUsPerRequest),
    r.cpuRatioToBare.toFixed(2),
    `${r.cpuPercent.loadGenerator} / ${r.cpuPercent.server} / ${r.cpuPercent.postgres} / ${r.cpuPercent.others}`,
  ]);
  return [head, head.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
}

function machineFacts() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

const COMMAND = `pnpm bench:api${process.env.BENCH_DURATION_S ? ` (with BENCH_DURATION_S=${process.env.BENCH_DURATION_S})` : ''}`;

function writeReport(data: {
  date: string;
  rows: Row[];
  verdict: { pass: boolean; statusRatio: number; statusP99Ms: number };
  loadBefore: number[];
  busyBefore: number;
  loadAfter: number[];
  poolMax: number;
  wallSeconds: number;
  plainStatusBytes: number;
}) {
  const m = machineFacts();
  const json = {
    date: data.date,
    command: COMMAND,
    machine: m,
    loadAverageBefore: data.loadBefore,
    machineBusyPercentBeforeStart: data.busyBefore,
    loadAverageAfter: data.loadAfter,
    settings: { connections: CONNECTIONS, warmupSeconds: WARMUP_S, durationSeconds: DURATION_S, sessions: SESSIONS, databasePoolMax: data.poolMax, logLevel: 'silent' },
    target: { statusRatioToBareMin: TARGET.statusRatio, statusP99MsMax: TARGET.statusP99Ms },
    verdict: data.verdict,
    results: data.rows,
    wallSeconds: data.wallSeconds,
  };
  const findings = fs.existsSync(FINDINGS) ? fs.readFileSync(FINDINGS, 'utf8').trim() : '';
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
  const md = `# API benchmark

Produced by \`${COMMAND}\` from the repository root on ${data.date} (the whole run took ${data.wallSeconds} s).

**Target** — the status route at ≥ ${TARGET.statusRatio}× the bare route's req/s with p99 ≤ ${TARGET.statusP99Ms} ms at ${CONNECTIONS} connections:
**${data.verdict.pass ? 'MET' : 'MISSED'}** (${data.verdict.statusRatio.toFixed(2)}×, p99 ${data.verdict.statusP99Ms} ms; ${data.rows[1]?.cpuRatioToBare.toFixed(2)}× at equal CPU).

${table(data.rows)}

- ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s measured per target, autocannon (one process, no pipelining).
- The status route polls one session whose \`processing_status\` is set (${data.rows[1]?.responseBytes ?? '?'} B answer); the list returns the account's ${SESSIONS} sessions (${data.rows[2]?.responseBytes ?? '?'} B). "status-spread" is the same route with the requests spread over the account's ${SESSIONS} sessions in turn (one has a \`processing_status\`; the others answer ${data.plainStatusBytes} B), so the polls in flight at once ask for different rows. The API batches concurrent polls into one query; this row shows what that gives when they do not share a row. The target is judged on "status".
- Every request carries a valid JWT, verified on every request. API: \`LOG_LEVEL=silent\`, \`DATABASE_POOL_MAX=${data.poolMax}\`.
- "server CPU µs/req" is the CPU time the server process (bare or API) spent per request: the cost that bounds its throughput, and less sensitive to the machine's load than req/s. "× bare at equal CPU" divides the bare route's figure by the route's: the req/s ratio the two would show if each server had the same CPU (on a busy machine they do not).
- The CPU column is percent of one core over the measured window (${os.availableParallelism()} cores = ${os.availableParallelism() * 100} %): the load generator (autocannon), the server process under test, the Postgres backends serving the benchmark's database, and everything else on the machine ("others": other people's jobs, Redis, the OS) — the noise.

## Machine

- \`nproc\`: ${m.nproc} (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.platform}
- Node ${m.node}
- Load average (1, 5, 15 min): ${load(data.loadBefore)} before, ${load(data.loadAfter)} after; the machine was ${data.busyBefore} % busy (all cores) in the second before the run started.
- **The load generator, the API (or the bare server), Postgres and Redis all share these ${m.nproc} cores**, and other engineers' test runs may be using them too: absolute numbers are noisy and lower than on a dedicated machine, where the load generator would run elsewhere. The servers do not even get equal shares of what is left (see the CPU column), so the req/s ratio moves with the load; the CPU cost per request and "× bare at equal CPU" are the steadier figures.
${findings ? `\n${findings}\n` : ''}`;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'api.json'), `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS_DIR, 'api.md'), md);
}

function printProfile(name: string, file: string, row: Row): void {
  const s = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, 18);
  const perReq = row.requests ? ((s.busyMs * 1000) / row.requests).toFixed(0) : '?';
  console.log(`\n## ${name}: API busy ${s.busyMs} ms over ${row.requests} requests (≈ ${perReq} µs CPU per request, profiler included) — ${file}`);
  console.log('\nself time by package (self % / inclusive %):');
  for (const l of s.byPackage) console.log(`  ${String(l.selfPct).padStart(5)}% ${String(l.totalPct).padStart(5)}%  ${l.name}`);
  console.log('\ninclusive time by package (self % / inclusive %):');
  for (const l of s.byPackageInclusive) console.log(`  ${String(l.selfPct).padStart(5)}% ${String(l.totalPct).padStart(5)}%  ${l.name}`);
  console.log('\nself time by function:');
  for (const l of s.byFunction) console.log(`  ${String(l.selfPct).padStart(5)}%  ${l.name}`);
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg();
  // What the rest of the machine was doing just before: the load average lags by minutes, this does not.
  const m0 = machineJiffies();
  await new Promise((r) => setTimeout(r, 1_000));
  const m1 = machineJiffies();
  const busyBefore = Math.round(((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100);
  console.log(`bench:api — ${os.availableParallelism()} cores, load ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, ${busyBefore} % busy before start`);

  database = startDatabase();
  testDb = await database.ready;
  console.log(`  database ${testDb.name}`);
  const poolMax = Number(process.env.DATABASE_POOL_MAX ?? 10);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDb.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Production refuses s3rver's well-known key (scripts/env.sh); the bench never touches S3.
    S3_SECRET_ACCESS_KEY: randomBytes(16).toString('hex'),
    DATABASE_POOL_MAX: String(poolMax),
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`, // nothing the bench does enqueues, but never share real queues
  };
  const [apiServer, bare] = await Promise.all([
    startServer('api', 'api-server.ts', childEnv),
    startServer('bare', 'bare-server.ts', { ...process.env, NODE_ENV: 'production' }),
  ]);
  const apiBase = `http://127.0.0.1:${apiServer.port}`;
  const { token, ids, statusId, statusBytes, plainStatusBytes, listBytes } = await seed(apiBase, testDb.url);
  const bareBytes = (await api(`http://127.0.0.1:${bare.port}`, 'GET', '/bare')).bytes;
  console.log(`  seeded 1 account, ${SESSIONS} sessions; measuring`);

  const measured = [
    await measure('bare', bare, '/bare', undefined, bareBytes),
    await measure('status', apiServer, `/api/sessions/${statusId}/status`, token, statusBytes),
    await measure('list', apiServer, '/api/sessions', token, listBytes),
    await measure('status-spread', apiServer, `/api/sessions/${statusId}/status`, token, statusBytes, ids.map((id) => `/api/sessions/${id}/status`)),
  ];
  const bare0 = measured[0]!;
  const rows: Row[] = measured.map((r) => ({
    ...r,
    ratioToBare: bare0.reqPerSec ? r.reqPerSec / bare0.reqPerSec : 0,
    cpuRatioToBare: r.serverCpuUsPerRequest ? bare0.serverCpuUsPerRequest / r.serverCpuUsPerRequest : 0,
  }));
  const status = rows[1]!;
  const verdict = {
    pass: status.ratioToBare >= TARGET.statusRatio && status.p99Ms <= TARGET.statusP99Ms && status.non2xx === 0 && status.errors === 0,
    statusRatio: Number(status.ratioToBare.toFixed(3)),
    statusP99Ms: status.p99Ms,
  };
  const bad = rows.filter((r) => r.non2xx || r.errors);
  if (bad.length) console.error(`bench: non-2xx answers or errors on ${bad.map((r) => r.name).join(', ')}`);

  await cleanup();
  if (PROFILE) {
    console.log(`\n${table(rows)}\n\n(profiled run: the profiler slows the API down, so these numbers are not results; nothing written)`);
    for (const p of profiles) printProfile(p.name, p.file, rows.find((r) => r.name === p.name)!);
    return;
  }
  const date = new Date().toISOString();
  writeReport({ date, rows, verdict, loadBefore, busyBefore, loadAfter: os.loadavg(), poolMax, wallSeconds: Math.round((Date.now() - started) / 1000), plainStatusBytes });
  console.log(`\n${table(rows)}\n`);
  console.log(`status route: ${verdict.statusRatio}× bare, p99 ${verdict.statusP99Ms} ms — target ${verdict.pass ? 'MET' : 'MISSED'}`);
  console.log(`wrote ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'api.md'))} and api.json`);
  if (bad.length) process.exitCode = 1;
}

setTimeout(() => abort(`time limit of ${HARD_LIMIT_MS / 1000} s reached`), HARD_LIMIT_MS).unref();
process.once('SIGINT', () => abort('interrupted'));
process.once('SIGTERM', () => abort('terminated'));

try {
  await main();
} catch (err) {
  console.error('bench: failed:', err);
  process.exitCode = 1;
} finally {
  await cleanup();
}
