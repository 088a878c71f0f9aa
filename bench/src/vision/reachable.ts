/**
 * bench:vision:reachable — the testkit recordings uploaded WITHOUT a timeline through a real API and worker, each
 * twice: with the seed unreachable (pixels only: the vision lane alone) and with it reachable (the demo app serves
 * the pages, and the Playwright lane replays the events the vision lane inferred). Side by side per recording: the
 * elements acted on that the frames' actions name (bench:vision's rule), the inferred events the browser replayed,
 * the frames that got a real ARIA tree and an ARIA diff, and the time end to end. `--scenario a,b` picks
 * recordings; `--out <file>` writes the markdown report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { generateRecording, getScenario, SCENARIOS, startDemoApp, TRUTH_ORIGIN, type Split, type Truth } from '@claude-scope/testkit';
import { startStack } from '../stack.js';
import { namesEventOf, type Tally } from './score.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, scenario: { type: 'string' } }, allowPositionals: true });
const names = values.scenario ? values.scenario.split(',') : SCENARIOS.filter((s) => s.name !== 'smoke').map((s) => s.name);

interface Frame {
  ariaTree: unknown[];
  diffSummary: { added: number; changed: number; removed: number };
  action: { type: string; name?: string } | null;
}
interface Body {
  frames: Frame[];
  processingStatus: Record<string, { status?: string; detail?: string; error?: string }>;
}
interface Case {
  ms: number;
  acted: Tally;
  frames: number;
  withTree: number;
  withDiff: number;
  playwright: string;
}


/** Clicks and fills of the ground truth whose target some frame's action names (bench:vision's rule, namesEventOf). */
function acted(truth: Truth, frames: Frame[]): Tally {
  const named = frames.flatMap((f) => (f.action?.name ? [f.action.name] : []));
  const namesEvent = namesEventOf(truth);
  const t: Tally = { hit: 0, of: 0 };
  for (const e of truth.timeline) {
    if (e.type !== 'click' && e.type !== 'fill') continue;
    t.of++;
    if (named.some((n) => namesEvent(n, e.name))) t.hit++;
  }
  return t;
}

const demo = await startDemoApp();
const stack = await startStack();
const { base, auth } = stack;
const rows: { name: string; split: Split; frame: string; load1: number; pixels: Case; reachable: Case }[] = [];
const startedAt = new Date();
try {
  const upload = async (file: Buffer, seedUrl: string, truth: Truth): Promise<Case> => {
    const form = new FormData();
    form.append('title', 'Bench vision');
    form.append('seedUrl', seedUrl);
    form.append('file', new Blob([file]), 'recording.webm');
    const t0 = performance.now();
    const res = await fetch(`${base}/api/recordings`, { method: 'POST', headers: auth, body: form });
    const body = (await res.json()) as Body;
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`upload answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    const pw = body.processingStatus.playwrightLane!;
    return {
      ms,
      acted: acted(truth, body.frames),
      frames: body.frames.length,
      withTree: body.frames.filter((f) => f.ariaTree.length > 0).length,
      withDiff: body.frames.filter((f) => f.diffSummary.added + f.diffSummary.changed + f.diffSummary.removed > 0).length,
      playwright: pw.status === 'error' ? 'error (seed not opened)' : pw.detail ?? pw.status ?? '',
    };
  };
  for (const name of names) {
    const scenario = getScenario(name);
    const rec = await generateRecording(name, { width: 1280, height: 720, fps: 30 });
    const file = readFileSync(rec.videoPath);
    const load1 = os.loadavg()[0]!;
    const pixels = await upload(file, `${TRUTH_ORIGIN}${scenario.start}`, rec.truth);
    const reachable = await upload(file, `${demo.url}${scenario.start}`, rec.truth);
    rows.push({ name, split: scenario.split, frame: scenario.frame ?? 'page', load1, pixels, reachable });
    console.error(`${name}: pixels ${(pixels.ms / 1000).toFixed(1)} s; reachable ${(reachable.ms / 1000).toFixed(1)} s, ${reachable.playwright}, trees ${reachable.withTree}/${reachable.frames}, diffs ${reachable.withDiff}`);
  }
} finally {
  await stack.close();
  await demo.close();
}

const pct = (t: Tally) => (t.of ? `${((100 * t.hit) / t.of).toFixed(0)} % (${t.hit}/${t.of})` : '–');
const sum = (rs: typeof rows, k: 'pixels' | 'reachable', f: (c: Case) => number) => rs.reduce((a, r) => a + f(r[k]), 0);
const lines = [
  '# bench:vision — reachable seed (inferred events replayed) next to pixels only',
  '',
  `Run ${startedAt.toISOString()} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}); other work was running on the machine (1-minute load average at each`,
  `recording's start in the table; ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end).`,
  '',
  `Command: \`pnpm --filter @claude-scope/bench bench:vision:reachable --out results/vision-reachable.md\`${values.scenario ? ` (--scenario ${values.scenario})` : ''}.`,
  'Each testkit recording (1280×720 webm, 30 fps) is uploaded without a timeline through a real API and worker (Postgres, Redis, S3, Chromium),',
  `once with the seed unreachable (\`${TRUTH_ORIGIN}\`: the vision lane alone) and once reachable (the testkit's demo app: the Playwright lane runs after`,
  'the vision lane and replays its inferred events; a window recording\'s address-bar origin maps onto the seed\'s). **acted** = clicks and fills of',
  'the ground truth whose target label a frame\'s action names (bench:vision\'s rule: the replay does not rename actions); **replayed** = inferred events',
  'the browser performed; **trees / diffs** = frames with a real ARIA tree / a non-empty ARIA diff. Time: upload → 200 complete.',
  '',
  '| split | acted, pixels only | acted, reachable | frames with a tree, pixels only → reachable | frames with an ARIA diff, reachable |',
  '|---|---|---|---|---|',
  ...(['tuning', 'validation'] as const).map((s) => {
    const rs = rows.filter((r) => r.split === s);
    const t = (k: 'pixels' | 'reachable'): Tally => ({ hit: sum(rs, k, (c) => c.acted.hit), of: sum(rs, k, (c) => c.acted.of) });
    return `| ${s} (${rs.length}) | ${pct(t('pixels'))} | ${pct(t('reachable'))} | ${sum(rs, 'pixels', (c) => c.withTree)} → ${sum(rs, 'reachable', (c) => c.withTree)} of ${sum(rs, 'reachable', (c) => c.frames)} | ${sum(rs, 'reachable', (c) => c.withDiff)} |`;
  }),
  '',
  '| recording | split | frame | load | acted (pixels / reachable) | Playwright lane, reachable | trees (pixels → reachable) | diffs, reachable | time pixels / reachable |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.split} | ${r.frame} | ${r.load1.toFixed(1)} | ${pct(r.pixels.acted)} / ${pct(r.reachable.acted)} | ${r.reachable.playwright} | ${r.pixels.withTree} → ${r.reachable.withTree} of ${r.reachable.frames} | ${r.reachable.withDiff} | ${(r.pixels.ms / 1000).toFixed(1)} s / ${(r.reachable.ms / 1000).toFixed(1)} s |`,
  ),
  '',
];
const md = lines.join('\n');
if (values.out) writeFileSync(values.out, md);
console.log(md);
process.exit(0);
