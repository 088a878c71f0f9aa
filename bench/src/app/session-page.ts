/**
 * Session page benchmark: `pnpm --filter @claude-scope/bench bench:session-page [--before-dist <dir>]`.
 *
 * The real service processes the testkit's full-tour recording (a sign-in, tasks, theme, sign-out: ~30 frames with
 * their ARIA trees); then Debian's Chromium opens the session page, cold, RUNS times per web build and network
 * profile, and we record what crossed the network and when the first view was on screen: the time track with
 * every frame and the selected frame's picture (first view), then that frame's ARIA tree. `--before-dist` serves
 * another build of the web app (e.g. main's, built into a directory of its own) from a second API instance on the
 * same database, so both builds are measured against the same session in the same run. The network profiles are
 * Chromium's own emulation (CDP Network.emulateNetworkConditions: a latency added to each request, a throughput
 * the page's transfers share); runs are interleaved by build and profile. Writes bench/results/session-page.{md,json}.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '@claude-scope/api/app';
import { AppStack, signedInBrowser, type Account } from './stack.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.resolve(HERE, '../../results');
const RUNS = 5;

/** The network a run emulates: none (loopback), or a round-trip time and a throughput each way. */
interface NetworkProfile {
  name: string;
  rttMs: number;
  downKbit: number;
  upKbit: number;
}
const PROFILES: NetworkProfile[] = [
  { name: 'loopback', rttMs: 0, downKbit: 0, upKbit: 0 },
  { name: 'fast 4G: 9 Mbit/s down, 1.5 up, 50 ms RTT', rttMs: 50, downKbit: 9000, upKbit: 1500 },
  { name: 'slow: 1.6 Mbit/s down, 0.75 up, 150 ms RTT', rttMs: 150, downKbit: 1600, upKbit: 750 },
];

interface Sample {
  firstViewMs: number;
  treeMs: number;
  apiBytesAtFirstView: number;
  apiBytesTotal: number;
  /** Everything the page received by its first view: document, bundle, styles, API. */
  allBytesAtFirstView: number;
  requests: string[];
}

async function measure(base: string, account: Account, sessionId: string, frames: number, net: NetworkProfile): Promise<Sample> {
  const { browser, context } = await signedInBrowser(base, account);
  try {
    const page = await context.newPage();
    if (net.rttMs > 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: net.rttMs,
        downloadThroughput: (net.downKbit * 1000) / 8,
        uploadThroughput: (net.upKbit * 1000) / 8,
      });
    }
    const sizes: { url: string; bytes: number; at: number }[] = [];
    page.on('requestfinished', async (req) => {
      const at = Date.now();
      const s = await req.sizes().catch(() => null);
      // Encoded sizes: what crossed the network (a compressed bundle counts compressed).
      if (s) sizes.push({ url: new URL(req.url()).pathname, bytes: s.responseBodySize + s.responseHeadersSize, at });
    });
    await page.goto(`/sessions/${sessionId}`, { waitUntil: 'commit' });
    // First view: every frame on the track and the selected frame's picture drawn.
    // (Browser-side code as text: this package is type-checked without the DOM library.)
    await page.waitForFunction(
      `document.querySelectorAll('.track__frame').length === ${frames} && [...document.querySelectorAll('.frame-view__figure img')].some((i) => i.complete && i.naturalWidth > 0)`,
      undefined,
      { timeout: 120_000, polling: 'raf' },
    );
    const firstViewMs = (await page.evaluate('performance.now()')) as number;
    const firstViewAt = Date.now();
    await page.locator('.frame-view__tree .aria-tree').first().waitFor({ timeout: 120_000 });
    const treeMs = (await page.evaluate('performance.now()')) as number;
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const api = sizes.filter((s) => s.url.startsWith('/api/'));
    const sum = (xs: typeof sizes) => xs.reduce((a, s) => a + s.bytes, 0);
    return {
      firstViewMs,
      treeMs,
      apiBytesAtFirstView: sum(api.filter((s) => s.at <= firstViewAt)),
      apiBytesTotal: sum(api),
      allBytesAtFirstView: sum(sizes.filter((s) => s.at <= firstViewAt)),
      requests: [...new Set(api.map((s) => s.url.replace(sessionId, ':id').replace(/frm_[A-Za-z0-9]+/, ':frameId')))],
    };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

async function main() {
  const { values } = parseArgs({ options: { 'before-dist': { type: 'string' }, scenario: { type: 'string', default: 'full-tour' } } });
  const app = await new AppStack().start();
  const servers: { name: string; base: string; close: () => Promise<void> }[] = [{ name: 'this branch', base: app.url, close: async () => {} }];
  try {
    if (values['before-dist']) {
      const before = await buildApp({ config: { ...app.stack.app.config, WEB_DIST_DIR: path.resolve(values['before-dist']) }, redisNamespace: app.stack.prefix });
      await before.listen({ host: '127.0.0.1', port: 0 });
      servers.unshift({ name: 'before', base: `http://127.0.0.1:${(before.server.address() as AddressInfo).port}`, close: () => before.close() });
    }
    const account = await app.signup('Bench User');
    const processed = await app.process(account, values.scenario!, `Bench: ${values.scenario}`);
    console.log(`processed ${values.scenario}: ${processed.frames} frames in ${processed.ms} ms`);
    const loadBefore = load();
    const rows = PROFILES.flatMap((net) => servers.map((s) => ({ net, server: s, samples: [] as Sample[] })));
    // One unmeasured load per build first: the server makes and keeps the overview's small pictures on first ask.
    for (const s of servers) await measure(s.base, account, processed.sessionId, processed.frames, PROFILES[0]!);
    for (let i = 0; i < RUNS; i++) {
      for (const r of rows) r.samples.push(await measure(r.server.base, account, processed.sessionId, processed.frames, r.net));
      console.log(`run ${i + 1}/${RUNS} done`);
    }
    const loadAfter = load();
    const summary = rows.map((r) => ({
      network: r.net.name,
      build: r.server.name,
      firstViewMs: Math.round(median(r.samples.map((s) => s.firstViewMs))),
      treeMs: Math.round(median(r.samples.map((s) => s.treeMs))),
      allKBAtFirstView: Math.round(median(r.samples.map((s) => s.allBytesAtFirstView)) / 1024),
      apiKBAtFirstView: Math.round(median(r.samples.map((s) => s.apiBytesAtFirstView)) / 1024),
      apiKBTotal: Math.round(median(r.samples.map((s) => s.apiBytesTotal)) / 1024),
      requests: r.samples[0]!.requests,
    }));
    const command = `pnpm --filter @claude-scope/bench bench:session-page${values['before-dist'] ? ` --before-dist ${values['before-dist']}` : ''}`;
    const md = [
      '# Session page: bytes and time to first view',
      '',
      `Command: \`${command}\` (Debian Chromium, headless, 1280×800, cold context per run; median of ${RUNS} runs, builds and networks interleaved).`,
      `Session: the testkit's \`${values.scenario}\` recording processed by the real service (${processed.frames} frames, ARIA trees from the Playwright lane).`,
      'First view: every frame on the time track and the selected frame\'s picture drawn. Tree: the selected frame\'s ARIA tree shown.',
      'Bytes: response bodies and headers as they crossed the network (compressed where compressed); "by first view": those finished by then.',
      'Networks: loopback, and Chromium\'s emulation (CDP `Network.emulateNetworkConditions`: latency added to each request, throughput shared by the page\'s transfers).',
      '',
      '| network | build | first view (ms) | ARIA tree shown (ms) | KB in all by first view | API KB by first view | API KB in all |',
      '|---|---|---:|---:|---:|---:|---:|',
      ...summary.map((s) => `| ${s.network} | ${s.build} | ${s.firstViewMs} | ${s.treeMs} | ${s.allKBAtFirstView} | ${s.apiKBAtFirstView} | ${s.apiKBTotal} |`),
      '',
      'API requests:',
      '',
      ...servers.map((s) => `- ${s.name}: ${summary.find((x) => x.build === s.name)!.requests.join(', ')}`),
      '',
      `Machine: ${process.env.BENCH_MACHINE ?? 'the shared 2-core development machine (other work running), so times are indicative; bytes are exact'}.`,
      `Load average (1, 5, 15 min): ${loadBefore} when the runs began, ${loadAfter} when they ended.`,
      '',
    ].join('\n');
    writeFileSync(path.join(RESULTS, 'session-page.md'), md);
    writeFileSync(
      path.join(RESULTS, 'session-page.json'),
      JSON.stringify({ command, scenario: values.scenario, frames: processed.frames, runs: RUNS, profiles: PROFILES, load: { before: loadBefore, after: loadAfter }, summary, samples: rows.map((r) => ({ network: r.net.name, build: r.server.name, samples: r.samples })) }, null, 2) + '\n',
    );
    console.log(md);
  } finally {
    for (const s of servers) await s.close();
    await app.stop();
  }
}

await main();
