/**
 * bench:scale — recordings per minute with 1, 2, 4 … worker processes on one machine (up to its core count), as a
 * fraction of linear (N processes × one process's rate). A real API process and N real worker processes (every
 * queue each, default concurrency settings), a fresh database and queue prefix; for each N, N × `--per-worker`
 * uploads (`?wait=false`) of one testkit recording, all at once, then the status route polled until every session
 * ended; the rate counts from the first upload to the last session's end. The seed URL is the testkit's demo app
 * (reachable), no timeline: every lane runs, the vision lane inferring the steps.
 * Usage: pnpm bench:scale [--scenario login-flow] [--per-worker 3] [--max N] [--out results/scale.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateRecording, startDemoApp } from '@claude-scope/testkit';
import { ROOT, sleep } from '../procs.js';
import { startStack } from '../stack.js';

const { values } = parseArgs({ options: { scenario: { type: 'string', default: 'login-flow' }, 'per-worker': { type: 'string', default: '3' }, max: { type: 'string' }, out: { type: 'string' } } });
const cores = os.availableParallelism();
const maxWorkers = Number(values.max ?? cores);
const perWorker = Number(values['per-worker']);
const counts: number[] = [];
for (let n = 1; n <= maxWorkers; n *= 2) counts.push(n);
if (counts.at(-1) !== maxWorkers) counts.push(maxWorkers);

interface Round {
  workers: number;
  recordings: number;
  completed: number;
  /** Sessions whose four lanes all completed. */
  allLanes: number;
  wallMs: number;
  perMinute: number;
  /** Each session's request → end, ms. */
  latencyMs: number[];
  loadStart: number[];
  loadEnd: number[];
}

async function main() {
  const startedAt = new Date();
  const demo = await startDemoApp();
  const rec = await generateRecording(values.scenario!, { width: 1280, height: 720, fps: 30, format: 'webm' });
  const video = readFileSync(rec.videoPath);
  // Workers are started per round; uploads are not limited (every round uploads at once).
  const stack = await startStack({ workers: 0, env: { UPLOAD_RATE_LIMIT: '100000', MAX_PROCESSING_PER_ACCOUNT: '1000' } });
  const { base, auth } = stack;
  const rounds: Round[] = [];
  try {
    const seedUrl = `${demo.url}/login`;
    const upload = async (): Promise<string> => {
      const form = new FormData();
      form.append('title', `Scale ${values.scenario}`);
      form.append('seedUrl', seedUrl);
      form.append('file', new Blob([video]), 'recording.webm');
      const r = await fetch(`${base}/api/recordings?wait=false`, { method: 'POST', headers: auth, body: form });
      const body = (await r.json()) as { sessionId?: string };
      if (r.status !== 202 || !body.sessionId) throw new Error(`upload answered ${r.status}: ${JSON.stringify(body)}`);
      return body.sessionId;
    };
    /** The session's end, and whether every lane completed (an optional lane, the vision lane, can end `error` in a complete session). */
    const ended = async (id: string): Promise<{ status: 'complete' | 'error'; allLanes: boolean } | null> => {
      const r = await fetch(`${base}/api/sessions/${id}/status`, { headers: auth });
      const p = ((await r.json()) as { processingStatus: (Record<string, { status?: string }> & { overallStage: string }) | null }).processingStatus;
      const s = p?.overallStage;
      if (s !== 'complete' && s !== 'error') return null;
      const lanes = ['videoLane', 'playwrightLane', 'visionLane', 'synthesis'].map((k) => p![k]?.status);
      return { status: s, allLanes: lanes.every((l) => l === 'complete') };
    };

    for (const n of counts) {
      const workers = await stack.startWorkers(n);
      try {
        // Warm-up, not measured: one recording per worker (Chromium launched, OCR pool started, code paths loaded).
        const warm = await Promise.all(workers.map(() => upload()));
        while ((await Promise.all(warm.map(ended))).some((s) => s === null)) await sleep(1000);

        const total = n * perWorker;
        const loadStart = os.loadavg();
        const t0 = performance.now();
        const ids = await Promise.all(Array.from({ length: total }, () => upload()));
        const done = new Map<string, { at: number; status: string; allLanes: boolean }>();
        while (done.size < ids.length) {
          for (const id of ids) {
            if (done.has(id)) continue;
            const s = await ended(id);
            if (s) done.set(id, { at: performance.now(), ...s });
          }
          if (done.size < ids.length) await sleep(500);
        }
        const wallMs = Math.max(...[...done.values()].map((d) => d.at)) - t0;
        const completed = [...done.values()].filter((d) => d.status === 'complete').length;
        const allLanes = [...done.values()].filter((d) => d.allLanes).length;
        const round = { workers: n, recordings: total, completed, allLanes, wallMs, perMinute: (total / wallMs) * 60_000, latencyMs: [...done.values()].map((d) => d.at - t0), loadStart, loadEnd: os.loadavg() };
        rounds.push(round);
        console.error(`${n} worker process(es): ${total} recordings in ${(wallMs / 1000).toFixed(1)} s = ${round.perMinute.toFixed(2)}/min (${completed} complete, ${allLanes} with every lane complete)`);
      } finally {
        await stack.stopProcesses(workers);
      }
    }
  } finally {
    await stack.close();
    await demo.close();
  }

  const one = rounds[0]!.perMinute;
  const lines = [
    '# bench:scale — recordings per minute with N worker processes on one machine',
    '',
    `Command: \`pnpm bench:scale ${process.argv.slice(2).join(' ')}\` (repository root) — ${startedAt.toISOString()}`,
    `Machine: \`nproc\` = ${cores} (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; shared with other engineers' builds and tests, so`,
    '**these numbers are indicative**: the load averages below show how busy the machine was. The API, Postgres, Redis,',
    'S3 (s3rver), the demo app and Chromium share the same cores.',
    '',
    `Work: the testkit recording \`${values.scenario}\` (${(rec.truth.durationMs / 1000).toFixed(1)} s, 1280×720 VP9 webm), uploaded without a timeline`,
    'with the demo app as its reachable seed URL: every lane runs (video, Playwright, vision, synthesis). Each round starts',
    `N fresh worker processes (every queue, default concurrency), warms each with one recording, then uploads N × ${perWorker}`,
    'recordings at once (`?wait=false`) and polls until every session ended. Rate = recordings ÷ (first upload → last end).',
    'Fraction of linear = rate(N) ÷ (N × rate(1)).',
    '',
    '| worker processes | recordings (complete; every lane complete) | wall | recordings per minute | fraction of linear | median request → end | load avg at start (1, 5, 15 min) | at end |',
    '|---|---|---|---|---|---|---|---|',
    ...rounds.map((r) => {
      const lat = [...r.latencyMs].sort((a, b) => a - b)[Math.floor((r.latencyMs.length - 1) / 2)]!;
      return `| ${r.workers} | ${r.recordings} (${r.completed}; ${r.allLanes}) | ${(r.wallMs / 1000).toFixed(1)} s | ${r.perMinute.toFixed(2)} | ${(r.perMinute / (r.workers * one)).toFixed(2)} | ${(lat / 1000).toFixed(1)} s | ${r.loadStart.map((l) => l.toFixed(1)).join(', ')} | ${r.loadEnd.map((l) => l.toFixed(1)).join(', ')} |`;
    }),
    '',
    `On ${cores} cores, linear scaling past one process needs idle cores: one worker process already runs its lanes`,
    'concurrently (ffmpeg\'s decode threads, the OCR pool, Chromium), so a second process mostly competes for the same',
    'cores. On a machine with more cores than one process keeps busy, the fraction shows how far processes scale there.',
    '',
  ];
  const md = lines.join('\n');
  if (values.out) writeFileSync(values.out, md);
  writeFileSync(path.join(ROOT, 'bench/results/scale.json'), `${JSON.stringify({ date: startedAt.toISOString(), cores, scenario: values.scenario, perWorker, rounds }, null, 2)}\n`);
  console.log(md);
}

await main();
process.exit(0);
