/**
 * bench:replay (issue 19, point 4): the Playwright lane on the testkit's recordings, with their timelines and
 * without (the seed page only), in the same run and the same warm browser. Reports per-event replay time (median,
 * p95, where it goes), the lane's time with the timeline ÷ without it, and ARIA fidelity against ground truth
 * (each truth step's named added / changed / removed nodes, recovered by the marks of that step's frame) per split.
 *
 *   pnpm bench:replay [--scenario a,b] [--split tuning|validation] [--no-e2e] [--no-write] [--verbose]
 *
 * End to end: each recording uploaded to a real API + worker (every lane, as deployed), without its timeline and
 * with it, one after the other: request → session complete.
 *
 * Results: bench/results/replay.{md,json} (unless --no-write or a subset is asked for).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { addScores, emptyScore, generateRecording, rebaseTruth, SCENARIOS, scoreStep, startDemoApp, type Score, type Split, type TimelineEvent } from '@claude-scope/testkit';
import { endToEnd, type EndToEnd } from './e2e.js';
import { idealFrames } from './fuse.js';
import { openLane } from './lane.js';
import { replayMarkdown } from './markdown.js';
import { startStack } from '../stack.js';
import { eventTimes, spent, type EventTime } from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const COMMAND = 'pnpm bench:replay';

export interface RecordingResult {
  scenario: string;
  split: Split;
  events: number;
  /** The lane's wall time: the timeline replayed, and the seed page alone. */
  withMs: number;
  withoutMs: number;
  durationMs: number;
  /** Truth steps scored (their ground truth lists ARIA changes, and they have a previous frame). */
  scoredSteps: number;
  score: Score;
  failures: string[];
  /**
   * Per scored truth step: its kind and counts (truth changes, recovered, marks, right), and what its frame recovers
   * with the lane's later captures dropped (each frame gets its step's capture, as before the lane kept them).
   */
  steps: { settledMs: number; kind: string; truth: number; recovered: number; marks: number; right: number; recoveredWithoutLater: number }[];
  eventTimes: EventTime[];
  e2e?: { without: EndToEnd; with: EndToEnd };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scenario: { type: 'string' }, split: { type: 'string' }, 'no-e2e': { type: 'boolean' }, 'no-write': { type: 'boolean' }, verbose: { type: 'boolean' } } });
  const wanted = values.scenario?.split(',');
  const scenarios = SCENARIOS.filter((s) => (!wanted || wanted.includes(s.name)) && (!values.split || s.split === values.split) && s.name !== 'smoke');
  const write = !values['no-write'] && !values['no-e2e'] && !wanted && !values.split;
  const started = new Date();
  const loadBefore = os.loadavg();
  const t0 = performance.now();
  const demo = await startDemoApp();
  const lane = await openLane(demo.url);
  const results: RecordingResult[] = [];
  const files = new Map<string, { file: string; seedUrl: string; timeline: TimelineEvent[] }>();
  try {
    // Warm-up (Chromium's launch), not measured.
    await lane.replay(`${demo.url}/login`, []);
    for (const s of scenarios) {
      const rec = await generateRecording(s.name, { width: 1280, height: 720, fps: 30, format: 'webm' });
      const truth = rebaseTruth(rec.truth, demo.url);
      const seedUrl = truth.timeline.find((e) => e.type === 'navigate')?.url ?? `${demo.url}/login`;
      files.set(s.name, { file: rec.videoPath, seedUrl, timeline: truth.timeline });
      const without = await lane.replay(seedUrl, []);
      const withTl = await lane.replay(seedUrl, truth.timeline);
      const frames = await idealFrames(truth, seedUrl, truth.timeline, withTl.steps);
      const framesWithoutLater = await idealFrames(truth, seedUrl, truth.timeline, withTl.steps.map(({ later: _later, ...st }) => st));
      let score = emptyScore();
      const steps: RecordingResult['steps'] = [];
      truth.steps.forEach((step, i) => {
        if (i === 0 || !step.aria) return;
        const sc = scoreStep(step.aria, frames[i] ?? []);
        const recoveredWithoutLater = scoreStep(step.aria, framesWithoutLater[i] ?? []).recovered;
        score = addScores(score, sc);
        steps.push({ settledMs: step.settledMs, kind: step.kind, truth: sc.truth, recovered: sc.recovered, marks: sc.marks, right: sc.right, recoveredWithoutLater });
        // Misses are printed for the tuning split only: validation is never looked at while tuning.
        if (values.verbose && s.split === 'tuning' && (sc.missed.length || sc.wrong.length)) {
          console.log(`  ${step.settledMs} ms ${step.kind}: missed ${JSON.stringify(sc.missed)} wrong ${JSON.stringify(sc.wrong)}`);
        }
      });
      const r: RecordingResult = {
        scenario: s.name,
        split: s.split,
        events: truth.timeline.length,
        withMs: Math.round(withTl.wallMs),
        withoutMs: Math.round(without.wallMs),
        durationMs: truth.durationMs,
        scoredSteps: steps.length,
        score,
        failures: withTl.steps.flatMap((st) => (st.failure ? [st.failure] : [])),
        steps,
        eventTimes: eventTimes(withTl.steps),
      };
      results.push(r);
      const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)} %` : '–');
      console.log(
        `${s.name.padEnd(22)} ${s.split.padEnd(10)} ${String(r.events).padStart(3)} events  with ${(r.withMs / 1000).toFixed(1)} s  without ${(r.withoutMs / 1000).toFixed(1)} s  ` +
          `recall ${pct(score.recovered, score.truth)} (${score.recovered}/${score.truth})  precision ${pct(score.right, score.marks)} (${score.right}/${score.marks})` +
          (r.failures.length ? `  failures: ${r.failures.join(' | ')}` : ''),
      );
    }
    await lane.close();
    if (!values['no-e2e']) {
      const stack = await startStack();
      try {
        const first = files.values().next().value;
        if (first) await endToEnd(stack, first.file, first.seedUrl, first.timeline); // warm-up: Chromium, code paths
        for (const r of results) {
          const f = files.get(r.scenario)!;
          const without = await endToEnd(stack, f.file, f.seedUrl, null);
          const withTl = await endToEnd(stack, f.file, f.seedUrl, f.timeline);
          r.e2e = { without, with: withTl };
          console.log(`${r.scenario.padEnd(22)} end to end without ${(without.ms / 1000).toFixed(1)} s, with ${(withTl.ms / 1000).toFixed(1)} s (${(withTl.ms / without.ms).toFixed(2)}×) ${JSON.stringify(withTl.lanesMs)}`);
        }
      } finally {
        await stack.close();
      }
    }
  } finally {
    await lane.close().catch(() => {});
    await demo.close();
  }
  const run = {
    command: COMMAND,
    date: started.toISOString(),
    wallS: Math.round((performance.now() - t0) / 1000),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, loadBefore, loadAfter: os.loadavg() },
    results,
    all: spent(results.flatMap((r) => r.eventTimes)),
  };
  const md = replayMarkdown(run);
  console.log(md);
  if (write) {
    writeFileSync(path.join(ROOT, 'bench/results/replay.json'), `${JSON.stringify(run, null, 2)}\n`);
    writeFileSync(path.join(ROOT, 'bench/results/replay.md'), md);
  }
}

export type ReplayRun = {
  command: string;
  date: string;
  wallS: number;
  machine: { cpus: number; cpuModel: string; node: string; loadBefore: number[]; loadAfter: number[] };
  results: RecordingResult[];
  all: ReturnType<typeof spent>;
};

await main();
process.exit(0);
