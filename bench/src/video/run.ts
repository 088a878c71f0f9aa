/**
 * bench:video — the video lane's wall time against the floor `ffmpeg -i X -f null -` on the same ~60 s
 * screen recording in the same run, at 1280×720 and 1920×1080; what each part adds; the peak RSS of
 * the process running the lane. Usage: pnpm bench:video [--reps 3] [--sizes 1280x720,1920x1080]
 * [--baseline <checkout>] [--modes lane,baseline,two-pass,ffmpeg-gray-alone,ffmpeg-alone,decode,decode+detect,decode+detect+full,decode+detect+every-full] [--max-load 3] [--no-write]
 * Results: bench/results/video.{md,json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { waitForQuiet } from '../procs.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { floor, measure, type Measured } from './floor.js';
import { markdown, type SizeResult } from './markdown.js';
import { MODES, type Mode, type Parts } from './modes.js';
import { longRecording } from './recording.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const reps = Number(arg('reps') ?? 3);
const sizes = (arg('sizes') ?? '1280x720,1920x1080').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const baselineDir = arg('baseline') ? path.resolve(arg('baseline')!) : undefined;
const modes = (arg('modes')?.split(',') ?? MODES.filter((m) => m !== 'baseline' || baselineDir)) as Mode[];
if (modes.includes('baseline') && !baselineDir) throw new Error('mode baseline needs --baseline <checkout with node_modules>');
const maxLoad = Number(arg('max-load') ?? 3);

/** Before a run: see waitForQuiet. */
const quiet = () => waitForQuiet(maxLoad);

export interface Run extends Parts, Omit<Measured, 'stdout'> {
  baseRssKb: number;
  maxRssKb: number;
  /** The floor around this run: mean of the floor runs just before and just after it. */
  floorMs: number;
  /** The floor's CPU (GNU time, ffmpeg's whole tree), the same mean. */
  floorCpuMs: number;
  /** CPU of the run's work alone, measured inside its process: its threads + its waited-for children (ffmpeg, ffprobe), Node start-up excluded. */
  workCpuMs: number;
  workCpuSelfMs: number;
  workCpuChildrenMs: number;
  /** 1-minute load average when the run started. */
  load: number;
}

/** One run in a fresh Node process (its peak RSS is the run's alone). */
async function child(mode: Mode, file: string, candidatesMs: number[]): Promise<Omit<Run, 'floorMs' | 'floorCpuMs' | 'load'>> {
  // The baseline checkout's own lane-child, resolving its own packages (cwd = that checkout's bench/).
  const [script, childMode, cwd] =
    mode === 'baseline' ? [path.join(baselineDir!, 'bench/src/video/lane-child.ts'), 'lane', path.join(baselineDir!, 'bench')] : [path.join(HERE, 'lane-child.ts'), mode, undefined];
  const { stdout, ...m } = await measure(process.execPath, ['--import', 'tsx', '--conditions=source', script, childMode, file, candidatesMs.join(',')], cwd);
  return { ...m, ...(JSON.parse(stdout.trim().split('\n').at(-1)!) as Parts & Pick<Run, 'baseRssKb' | 'maxRssKb' | 'workCpuMs' | 'workCpuSelfMs' | 'workCpuChildrenMs'>) };
}

async function main() {
  const started = new Date();
  const results: SizeResult[] = [];
  for (const [w, h] of sizes) {
    const rec = await longRecording(w, h);
    await floor(rec.file); // warm the page cache and ffmpeg's libraries; not counted
    const r: SizeResult = { width: w, height: h, durationMs: rec.durationMs, floors: [], runs: {} };
    const strip = ({ stdout: _, ...rest }: Measured) => rest;
    r.floors.push(strip(await floor(rec.file)));
    for (let i = 0; i < reps; i++) {
      // Floors interleaved with the runs: each run is compared with the machine as it was then.
      for (const mode of modes) {
        // Floor, run, floor back to back: after a wait, the floor before the run is measured again.
        const { load, waited } = await quiet();
        if (waited) r.floors.push(strip(await floor(rec.file)));
        const run = await child(mode, rec.file, rec.candidatesMs);
        const before = r.floors.at(-1)!;
        r.floors.push(strip(await floor(rec.file)));
        const after = r.floors.at(-1)!;
        const floorCpuMs = before.cpuMs !== null && after.cpuMs !== null ? (before.cpuMs + after.cpuMs) / 2 : NaN;
        (r.runs[mode] ??= []).push({ ...run, floorMs: (before.wallMs + after.wallMs) / 2, floorCpuMs, load });
      }
      const lane = r.runs.lane?.at(-1);
      console.log(`${w}x${h} rep ${i + 1}: ${modes.map((m) => `${m} ${Math.round(r.runs[m]!.at(-1)!.totalMs)} ms (CPU ${(r.runs[m]!.at(-1)!.workCpuMs / r.runs[m]!.at(-1)!.floorCpuMs).toFixed(2)}× the floor's)`).join(', ')}; floors ${r.floors.map((f) => Math.round(f.wallMs)).join('/')} ms${lane ? `; lane peak RSS ${Math.round(lane.maxRssKb / 1024)} MB` : ''}`);
    }
    results.push(r);
  }
  const run = { argv: process.argv.slice(2), reps, maxLoad, loadEnd: os.loadavg() };
  const md = markdown(results, { startedAt: started, ...run });
  console.log(`\n${md}`);
  if (!process.argv.includes('--no-write')) {
    const dir = path.join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'video.md'), md);
    writeFileSync(path.join(dir, 'video.json'), `${JSON.stringify({ date: started.toISOString(), run, results }, null, 2)}\n`);
  }
}

await main();
