/**
 * bench:keyframes — how well keyframes match the ground truth of testkit recordings, for the video lane
 * and for the usual baselines, strict (every testkit step) and merged (steps < 300 ms apart joined).
 * Usage: pnpm bench:keyframes [--scenario a,b] [--mp4 a,b] [--no-write]
 * Results: bench/results/keyframes.{md,json}.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from '@claude-scope/testkit';
import { METHODS } from './methods.js';
import { line, type Row } from './report.js';
import { markdown } from './markdown.js';
import { recordings } from './recordings.js';
import { score } from './score.js';
import { mergedWindows, strictWindows } from './truth.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RESULTS = path.join(ROOT, 'bench/results');

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]?.split(',').filter(Boolean) : undefined;
};
const scenarios = arg('scenario') ?? SCENARIOS.map((s) => s.name);
// mp4 (H.264) for a few: another codec's noise and keyframe pattern.
const mp4 = arg('mp4') ?? ['login-flow', 'modal-confirm', 'tabs-and-dropdown'].filter((s) => scenarios.includes(s));

async function main() {
  const started = Date.now();
  const recs = await recordings(scenarios, mp4);
  const rows: Row[] = [];
  for (const rec of recs) {
    const strict = strictWindows(rec.truth);
    const merged = mergedWindows(rec.truth);
    for (const m of METHODS) {
      const t0 = performance.now();
      const frames = await m.frames(rec.file, rec.truth);
      const row: Row = { recording: rec.name, method: m.name, strict: score(frames, strict, rec.truth), merged: score(frames, merged, rec.truth), ms: performance.now() - t0 };
      rows.push(row);
      console.log(line(row));
    }
  }
  const md = markdown(rows, recs, { startedAt: new Date(started), seconds: (Date.now() - started) / 1000, argv: process.argv.slice(2) });
  console.log(`\n${md}`);
  if (!process.argv.includes('--no-write')) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'keyframes.md'), md);
    const json = rows.map((r) => ({ ...r, strict: { ...r.strict, missed: r.strict.missed.length }, merged: { ...r.merged, missed: r.merged.missed.length } }));
    writeFileSync(path.join(RESULTS, 'keyframes.json'), `${JSON.stringify(json, null, 2)}\n`);
  }
}

await main();
