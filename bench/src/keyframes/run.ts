/**
 * bench:keyframes — how well keyframes match the ground truth of testkit recordings, per split
 * (tuning / validation) and per step kind, for the video lane and three baselines.
 * Usage: pnpm bench:keyframes [--scenario a,b] [--size 1280x720] [--vp9 a,b] [--vp8 a,b] [--mp4 a,b] [--out name] [--no-write]
 *   --vp9/--vp8/--mp4: which of those scenarios get that encoding (defaults below; `none` for none);
 *   --out: results file name (default keyframes).
 * Results: bench/results/<out>.{md,json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from '@claude-scope/testkit';
import { markdown } from './markdown.js';
import { METHODS } from './methods.js';
import { defaultPlan, recordings } from './recordings.js';
import { line, type Row } from './report.js';
import { score } from './score.js';
import { windows } from './truth.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RESULTS = path.join(ROOT, 'bench/results');

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]?.split(',').filter(Boolean) : undefined;
};
const scenarios = arg('scenario') ?? SCENARIOS.map((s) => s.name);
const only = (list: string[]) => list.filter((s) => scenarios.includes(s));
const [width, height] = (arg('size')?.[0] ?? '1280x720').split('x').map(Number) as [number, number];
const plan = defaultPlan(scenarios, width, height, { webm: arg('vp9'), mp4: arg('mp4'), 'webm-vp8': arg('vp8') });

async function main() {
  const started = Date.now();
  const recs = await recordings(plan, console.log);
  const rows: Row[] = [];
  for (const rec of recs) {
    const wins = windows(rec.truth);
    for (const m of METHODS) {
      const t0 = performance.now();
      const frames = await m.frames(rec.file, rec.truth);
      const row: Row = { rec, method: m.name, score: score(frames, wins, rec.truth), ms: performance.now() - t0 };
      rows.push(row);
      console.log(line(row));
    }
  }
  const notes = [`Size: ${width}×${height} for every recording of this run.`];
  const md = markdown(rows, recs, { startedAt: new Date(started), seconds: (Date.now() - started) / 1000, argv: process.argv.slice(2), notes });
  console.log(`\n${md}`);
  if (!process.argv.includes('--no-write')) {
    const out = arg('out')?.[0] ?? 'keyframes';
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, `${out}.md`), md);
    const json = rows.map((r) => ({
      recording: r.rec.name, scenario: r.rec.scenario, split: r.rec.split, format: r.rec.format, size: r.rec.size, method: r.method,
      all: r.score.all, byKind: r.score.byKind, ms: Math.round(r.ms),
      // What went wrong, for the lane only (a baseline's thousand wrong frames say nothing more than its counts).
      ...(r.method.startsWith('lane') ? { missed: r.score.missed, wrongMs: r.score.wrongMs } : {}),
    }));
    writeFileSync(path.join(RESULTS, `${out}.json`), `${JSON.stringify(json, null, 2)}\n`);
  }
}

await main();
