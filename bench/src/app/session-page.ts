/**
 * Session page benchmark: `pnpm --filter @claude-scope/bench bench:session-page [-- --before-dist <dir>]`.
 *
 * The real service processes the testkit's full-tour recording (a sign-in, tasks, theme, sign-out: ~30 frames with
 * their ARIA trees); then Debian's Chromium opens the session page, cold, RUNS times per web build, and we record
 * what crossed the network and when the first view was on screen: the time track with every frame and the
 * selected frame's picture (first view), then that frame's ARIA tree. `--before-dist` serves another build of the
 * web app (e.g. main's, built into a directory of its own) from a second API instance on the same database, so
 * both builds are measured against the same session in the same run. Writes bench/results/session-page.{md,json}.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '@claude-scope/api/app';
import { AppStack, signedInBrowser, type Account } from './stack.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.resolve(HERE, '../../results');
const RUNS = 5;

interface Sample {
  firstViewMs: number;
  treeMs: number;
  apiBytesAtFirstView: number;
  apiBytesTotal: number;
  requests: string[];
}

async function measure(base: string, account: Account, sessionId: string, frames: number): Promise<Sample> {
  const { browser, context } = await signedInBrowser(base, account);
  try {
    const page = await context.newPage();
    const sizes: { url: string; bytes: number; at: number }[] = [];
    page.on('requestfinished', async (req) => {
      const at = Date.now();
      const s = await req.sizes().catch(() => null);
      if (s && new URL(req.url()).pathname.startsWith('/api/')) sizes.push({ url: new URL(req.url()).pathname, bytes: s.responseBodySize + s.responseHeadersSize, at });
    });
    await page.goto(`/sessions/${sessionId}`, { waitUntil: 'commit' });
    // First view: every frame on the track and the selected frame's picture drawn.
    // (Browser-side code as text: this package is type-checked without the DOM library.)
    await page.waitForFunction(
      `document.querySelectorAll('.track__frame').length === ${frames} && [...document.querySelectorAll('.frame-view__figure img')].some((i) => i.complete && i.naturalWidth > 0)`,
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    const firstViewMs = (await page.evaluate('performance.now()')) as number;
    const firstViewAt = Date.now();
    await page.locator('.frame-view__tree .aria-tree').first().waitFor({ timeout: 60_000 });
    const treeMs = (await page.evaluate('performance.now()')) as number;
    await page.waitForLoadState('networkidle');
    const total = sizes.reduce((a, s) => a + s.bytes, 0);
    const atFirst = sizes.filter((s) => s.at <= firstViewAt).reduce((a, s) => a + s.bytes, 0);
    return { firstViewMs, treeMs, apiBytesAtFirstView: atFirst, apiBytesTotal: total, requests: [...new Set(sizes.map((s) => s.url.replace(sessionId, ':id').replace(/frm_[A-Za-z0-9]+/, ':frameId')))] };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
    const rows: { name: string; samples: Sample[] }[] = servers.map((s) => ({ name: s.name, samples: [] }));
    for (let i = 0; i < RUNS; i++) {
      for (const [j, s] of servers.entries()) rows[j]!.samples.push(await measure(s.base, account, processed.sessionId, processed.frames));
    }
    const summary = rows.map((r) => ({
      build: r.name,
      firstViewMs: Math.round(median(r.samples.map((s) => s.firstViewMs))),
      treeMs: Math.round(median(r.samples.map((s) => s.treeMs))),
      apiKBAtFirstView: Math.round(median(r.samples.map((s) => s.apiBytesAtFirstView)) / 1024),
      apiKBTotal: Math.round(median(r.samples.map((s) => s.apiBytesTotal)) / 1024),
      requests: r.samples[0]!.requests,
    }));
    const command = `pnpm --filter @claude-scope/bench bench:session-page${values['before-dist'] ? ` -- --before-dist ${values['before-dist']}` : ''}`;
    const md = [
      '# Session page: bytes and time to first view',
      '',
      `Command: \`${command}\` (Debian Chromium, headless, 1280×800, cold context per run; median of ${RUNS} runs, builds interleaved).`,
      `Session: the testkit's \`${values.scenario}\` recording processed by the real service (${processed.frames} frames, ARIA trees from the Playwright lane).`,
      'First view: every frame on the time track and the selected frame\'s picture drawn. Tree: the selected frame\'s ARIA tree shown.',
      'API bytes: response bodies and headers of /api requests (first view: those finished by then).',
      '',
      '| build | first view (ms) | ARIA tree shown (ms) | API KB by first view | API KB in all | API requests |',
      '|---|---:|---:|---:|---:|---|',
      ...summary.map((s) => `| ${s.build} | ${s.firstViewMs} | ${s.treeMs} | ${s.apiKBAtFirstView} | ${s.apiKBTotal} | ${s.requests.join(', ')} |`),
      '',
      `Machine: ${process.env.BENCH_MACHINE ?? 'the shared 2-core development machine (other work running), so times are indicative; bytes are exact'}.`,
      '',
    ].join('\n');
    writeFileSync(path.join(RESULTS, 'session-page.md'), md);
    writeFileSync(path.join(RESULTS, 'session-page.json'), JSON.stringify({ command, scenario: values.scenario, frames: processed.frames, runs: RUNS, summary, samples: rows }, null, 2) + '\n');
    console.log(md);
  } finally {
    for (const s of servers) await s.close();
    await app.stop();
  }
}

await main();
