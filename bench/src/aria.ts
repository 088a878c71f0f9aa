/**
 * Playwright lane benchmark: `pnpm --filter @claude-scope/bench bench:aria` (or `pnpm bench:aria` in bench/).
 *
 * Against the testkit demo app on 127.0.0.1, through the lane's real code path (guard proxy, fresh context,
 * quiet-page wait, ARIA snapshot, masking): time per URL with a cold browser (launch included) and a warm one,
 * and time per replayed timeline event by type. Prints a table and writes bench/results/aria.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const RESULTS = path.join(ROOT, 'bench/results/aria.md');
const COMMAND = 'pnpm --filter @claude-scope/bench bench:aria';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 5);
const REPLAYS = Number(process.env.BENCH_REPLAYS ?? 3);
const HARD_LIMIT_MS = 240_000;

// The lane and the demo app are TypeScript sources of other workspace packages. bench/ compiles with
// rootDir '.', so they are imported by computed path (tsc does not follow) and typed by the shapes used here.
type TimelineEvent =
  | { t: number; type: 'navigate'; url: string }
  | { t: number; type: 'click'; role: string; name: string }
  | { t: number; type: 'fill'; role: string; name: string; value: string }
  | { t: number; type: 'press'; key: string }
  | { t: number; type: 'scroll'; dy: number };
interface Step {
  t: number;
  failure?: string;
}
interface Manager {
  get(): Promise<{ version(): string }>;
  close(): Promise<void>;
}
interface LaneModule {
  captureSteps(browser: Manager, opts: {
    seedUrl: string;
    timeline: TimelineEvent[];
    policy: { allowPrivate: boolean; allowedHosts: string[] };
    navigationTimeoutMs: number;
    signal: AbortSignal;
    onStep?: (done: number, total: number) => void;
  }): Promise<Step[]>;
}
interface ManagerModule {
  BrowserManager: new (opts: { executablePath: string; noSandbox?: boolean; maxPages: number; log: unknown }) => Manager;
}
interface TestkitModule {
  startDemoApp(): Promise<{ url: string; close(): Promise<void> }>;
  DEMO_PAGES: readonly { path: string }[];
}

const load = <T>(rel: string) => import(path.join(ROOT, rel)) as Promise<T>;

const silentLog = { info() {}, warn() {}, error() {}, debug() {}, child() { return silentLog; } };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const max = (xs: number[]) => Math.max(...xs);
const ms = (n: number) => (Number.isFinite(n) ? String(Math.round(n)) : '–');

async function main(): Promise<void> {
  const started = new Date();
  const loadBefore = os.loadavg();
  const [{ captureSteps }, { BrowserManager }, { startDemoApp, DEMO_PAGES }] = await Promise.all([
    load<LaneModule>('services/worker/src/playwright/playwright-lane.ts'),
    load<ManagerModule>('services/worker/src/browser/manager.ts'),
    load<TestkitModule>('packages/testkit/src/index.ts'),
  ]);
  const demo = await startDemoApp();
  const policy = { allowPrivate: false, allowedHosts: [new URL(demo.url).host] };
  const newManager = () => new BrowserManager({ executablePath: CHROMIUM, noSandbox: process.env.CHROMIUM_NO_SANDBOX === 'true', maxPages: 1, log: silentLog });
  const capture = (browser: Manager, seedUrl: string, timeline: TimelineEvent[] = [], onStep?: (done: number) => void) =>
    captureSteps(browser, { seedUrl, timeline, policy, navigationTimeoutMs: 15_000, signal: new AbortController().signal, onStep });
  const urls = DEMO_PAGES.map((p) => `${demo.url}${p.path}`);

  let chromiumVersion = '';
  const cold = new Map<string, number[]>();
  const warm = new Map<string, number[]>();
  const perEvent = new Map<string, number[]>();
  try {
    // Cold: a new Chromium for every capture (launch, context, page, capture, close).
    for (let run = 0; run < COLD_RUNS; run++) {
      for (const url of urls) {
        const browser = newManager();
        const t0 = performance.now();
        await capture(browser, url);
        cold.set(url, [...(cold.get(url) ?? []), performance.now() - t0]);
        chromiumVersion ||= (await browser.get()).version();
        await browser.close();
      }
    }

    // Warm: one Chromium, already launched; each capture still gets its own context and guard proxy.
    const browser = newManager();
    await capture(browser, urls[0]!);
    for (let run = 0; run < WARM_RUNS; run++) {
      for (const url of urls) {
        const t0 = performance.now();
        await capture(browser, url);
        warm.set(url, [...(warm.get(url) ?? []), performance.now() - t0]);
      }
    }

    // Per replayed event: time from one step's capture to the next (action + quiet wait + capture).
    const timeline: TimelineEvent[] = [
      { t: 1000, type: 'fill', role: 'textbox', name: 'Email', value: 'ada@example.com' },
      { t: 2000, type: 'fill', role: 'textbox', name: 'Password', value: 'hunter2-S3cret!' },
      { t: 3000, type: 'click', role: 'button', name: 'Sign in' },
      { t: 4000, type: 'click', role: 'button', name: 'Account' },
      { t: 5000, type: 'press', key: 'Escape' },
      { t: 6000, type: 'scroll', dy: 400 },
      { t: 7000, type: 'navigate', url: `${demo.url}/tasks` },
      { t: 8000, type: 'navigate', url: `${demo.url}/old-dashboard` },
      { t: 9000, type: 'click', role: 'button', name: 'Not on the page' },
    ];
    const label = (e: TimelineEvent) =>
      e.type === 'click' && e.name === 'Sign in' ? 'click (submits, page navigates after 0.9 s)'
      : e.type === 'click' && e.name === 'Not on the page' ? 'click (target missing: action timeout)'
      : e.type === 'navigate' && e.url.endsWith('old-dashboard') ? 'navigate (302 redirect)'
      : e.type === 'click' ? 'click (opens a menu)'
      : e.type;
    for (let run = 0; run < REPLAYS; run++) {
      let last = performance.now();
      const times: number[] = [];
      const steps = await capture(browser, `${demo.url}/login`, timeline, () => {
        const now = performance.now();
        times.push(now - last);
        last = now;
      });
      if (steps.length !== timeline.length + 1) throw new Error(`expected ${timeline.length + 1} steps, got ${steps.length}`);
      timeline.forEach((e, i) => perEvent.set(label(e), [...(perEvent.get(label(e)) ?? []), times[i + 1]!]));
    }
    await browser.close();
  } finally {
    await demo.close();
  }

  const rows = urls.map((url) => {
    const c = cold.get(url) ?? [];
    const w = warm.get(url) ?? [];
    return [new URL(url).pathname, ms(median(c)), ms(max(c)), ms(median(w)), ms(max(w))];
  });
  const eventRows = [...perEvent].map(([what, xs]) => [what, ms(median(xs)), ms(max(xs))]);
  const allCold = [...cold.values()].flat();
  const allWarm = [...warm.values()].flat();
  rows.push(['**all pages**', ms(median(allCold)), ms(max(allCold)), ms(median(allWarm)), ms(max(allWarm))]);

  const table = (head: string[], body: string[][]) =>
    [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const pageTable = table(['page', 'cold median ms', 'cold max ms', 'warm median ms', 'warm max ms'], rows);
  const eventTable = table(['replayed event', 'median ms', 'max ms'], eventRows);
  console.log(`\n${pageTable}\n\n${eventTable}\n`);

  const cpu = os.cpus();
  const playwrightVersion = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'services/worker/node_modules/playwright-core/package.json'), 'utf8'),
  ).version as string;
  let busy = '';
  try {
    busy = execFileSync('sh', ['-c', 'ps -eo pcpu= | awk \'{s+=$1} END {printf "%d", s}\''], { encoding: 'utf8' });
  } catch {
    // ps missing: leave it out
  }
  const loadAfter = os.loadavg().map((n) => n.toFixed(2)).join(', ');
  const md = `# Playwright lane benchmark

Produced by \`${COMMAND}\` from the repository root on ${started.toISOString()} (the whole run took ${Math.round((Date.now() - started.getTime()) / 1000)} s).

What is timed is the lane's own code path, \`captureSteps\` from \`services/worker/src/playwright/playwright-lane.ts\`, against
the testkit demo app on 127.0.0.1: SSRF guard proxy (SOCKS5, policy: private targets denied, the demo allowed by host:port),
a fresh browser context, navigation, the quiet-page wait, ARIA snapshot, secret masking.

## Per URL (seed page only)

${pageTable}

- **cold**: a new Chromium for each capture — launch, context, page, capture, close (${COLD_RUNS} runs per page).
- **warm**: one Chromium kept running (as in a worker process); each capture still gets its own context and proxy (${WARM_RUNS} runs per page).
- A capture waits until the page is quiet: DOM unchanged for 300 ms and no network activity for 500 ms, so ~0.5 s of every
  figure is that deliberate wait, not work.

## Per replayed event (warm browser)

${eventTable}

- Time from one step's capture to the next: the action through role + name locators, the quiet-page wait, the snapshot.
- The login flow of the demo app, replayed ${REPLAYS} times. A missing target costs the 5 s action timeout by design; the
  sign-in click includes the demo's deliberate 0.9 s spinner before it navigates.

## Machine

- \`nproc\`: ${cpu.length} (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}
- Node ${process.version}; ${chromiumVersion ? `Chromium ${chromiumVersion}` : 'Chromium'} (\`${CHROMIUM}\`); playwright-core ${playwrightVersion}
- Load average (1, 5, 15 min): ${loadBefore.map((n) => n.toFixed(2)).join(', ')} before, ${loadAfter} after${busy ? `; processes were using ${busy} % CPU (of ${cpu.length * 100} %) at the end` : ''}.
- The machine's 2 cores are shared with other engineers' test runs: absolute numbers are noisy and pessimistic.
`;
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, md);
  console.log(`wrote ${path.relative(ROOT, RESULTS)}`);
}

const limit = setTimeout(() => {
  console.error(`bench:aria did not finish within ${HARD_LIMIT_MS / 1000} s`);
  process.exit(1);
}, HARD_LIMIT_MS);
limit.unref();
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
