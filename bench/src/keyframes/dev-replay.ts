/**
 * dev:replay — a fast loop for tuning the change detector: bench:keyframes' recordings decoded once to the
 * gray frames the lane's detector reads (analyzeVideo's defaults: 480 px wide, 10 fps), cached on disk,
 * then the detector alone over them, scored like bench:keyframes. Not a benchmark: nothing is written to
 * bench/results, and the lane's numbers are bench:keyframes' to give.
 * Usage: pnpm dev:replay [--split tuning|validation|all] [--scenario a,b] [--candidates] [--cache dir]
 *   [--track scenario[:format] [--from ms] [--to ms]]
 *   --split: default tuning (never validation while tuning the detector);
 *   --candidates: the "timeline candidates" row (the recording's event times as candidatesMs), else pixels only;
 *   --track: print the pointer the detector tracks in that recording, frame by frame (time, centre, box).
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { SCENARIOS } from '@claude-scope/testkit';
import { ANALYSIS_DEFAULTS, ChangeDetector, decodeGray, decodePlan, KeyframePicks, probe } from '@claude-scope/video';
import { defaultPlan, recordings, type Recording } from './recordings.js';
import { cells, line, table, type Row } from './report.js';
import { add, score, zero } from './score.js';
import { windows } from './truth.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CACHE = arg('cache') ?? '/tmp/claude-scope-dev-replay';
const { fps: FPS, width: WIDTH, fullEvery: FULL_EVERY } = ANALYSIS_DEFAULTS;

interface Frames {
  width: number;
  height: number;
  /** Frame k, shown from times[k]. */
  times: number[];
  data: Uint8Array[];
  /** Whether the lane keeps frame k at full resolution (KeyframePicks picks a state's image among those). */
  full: boolean[];
}

/** The recording's gray frames, decoded once per video file (its path holds the testkit's cache key). */
async function frames(rec: Recording): Promise<Frames> {
  const key = createHash('sha1').update(`${rec.file}:${statSync(rec.file).size}:${WIDTH}:${FPS}`).digest('hex').slice(0, 16);
  const file = path.join(CACHE, `${key}.gray`);
  const p = await probe(rec.file);
  const plan = decodePlan(rec.file, p, { fps: FPS, width: WIDTH, fullFramesDir: CACHE, fullEvery: FULL_EVERY });
  const size = plan.width * plan.height;
  if (!existsSync(file)) {
    mkdirSync(CACHE, { recursive: true });
    // Each frame: its time (float64), then its bytes.
    const out = createWriteStream(`${file}.part`);
    await decodeGray(rec.file, {
      probe: p,
      fps: FPS,
      width: WIDTH,
      onFrame: async (f) => {
        const head = Buffer.alloc(8);
        head.writeDoubleLE(f.timestampMs);
        out.write(head);
        if (!out.write(f.data)) await new Promise<void>((r) => out.once('drain', () => r()));
      },
    });
    out.end();
    await finished(out);
    renameSync(`${file}.part`, file);
  }
  // Read whole (the detector runs over it several times in a tuning session) and viewed in place, not copied.
  const all = await readFile(file);
  const n = all.length / (size + 8);
  const data: Uint8Array[] = [];
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    times.push(all.readDoubleLE(k * (size + 8)));
    data.push(all.subarray(k * (size + 8) + 8, (k + 1) * (size + 8)));
  }
  return { width: plan.width, height: plan.height, times, data, full: times.map((_, k) => plan.written(k)) };
}

interface Replay {
  /** Keyframe times as analyzeVideo reports them (the full-resolution frame the state's image came from). */
  framesMs: number[];
  /** The tracked pointer after each frame it moved in: its box too, which the public track leaves out. */
  track: { t: number; x0: number; y0: number; x1: number; y1: number }[];
  /** Frames picked to show what was typed before a state that no state shows (state time ← frame time). */
  typed: string[];
}

/** The detector over cached frames, as analyzeVideo runs it (KeyframeFeed's choice of image times included). */
function replay(f: Frames, candidatesMs?: readonly number[], log?: string[]): Replay {
  const d = new ChangeDetector({ width: f.width, height: f.height, ...(candidatesMs ? { candidatesMs } : {}) });
  // Dev only: the tracker's box is private (the lane keeps centres); read it for --track.
  const movers = (d as unknown as { movers: { latest(): { box: { x0: number; y0: number; x1: number; y1: number }; t: number } | null } }).movers;
  // The lane's own choice of each state's image time; a state no kept frame shows keeps its own time (the lane
  // extracts it in a second pass).
  const picks = new KeyframePicks<true>();
  const picked = new Map<number, number>();
  const track: Replay['track'] = [];
  const typed: string[] = [];
  const update = (final: boolean) =>
    picks.update(d, final, (stateMs, t) => picked.set(stateMs, t), () => {}, (stateMs, t, _f, whole) => typed.push(`${stateMs}←${t}${whole ? '' : ' (before the last character)'}`));
  // Dev only, with --track: what each frame was to the detector (activity, proven doubts) and every comparison
  // with the emitted state, read through its private parts.
  const inner = d as unknown as {
    activity: { observe(...a: unknown[]): { activity: string; proven: number[] } } | null;
    comparer: { diff(...a: unknown[]): { blocks: number[]; regions: number[][] } };
    prevT: number;
  };
  const wrap = () => {
    if (!log || !inner.activity || (inner.activity as { wrapped?: boolean }).wrapped) return;
    const a = inner.activity;
    const observe = a.observe.bind(a);
    a.observe = (...args: unknown[]) => {
      const r = observe(...args);
      log.push(`${String(Math.round(args[2] as number)).padStart(6)} ms  ${r.activity}${r.proven.length ? ` (proves ${r.proven.join(', ')})` : ''}`);
      return r;
    };
    (a as { wrapped?: boolean }).wrapped = true;
    const diff = inner.comparer.diff.bind(inner.comparer);
    inner.comparer.diff = (...args: unknown[]) => {
      const r = diff(...args);
      log.push(`${' '.repeat(10)}compared with the emitted state: ${r.blocks.length} blocks in regions of ${r.regions.map((x) => x.length).join(', ') || 'none'}`);
      return r;
    };
  };
  f.times.forEach((t, k) => {
    picks.offer(t, f.full[k] ? true : undefined);
    d.push(f.data[k]!, t);
    wrap();
    update(false);
    const p = movers.latest();
    if (p && p.t === t) {
      track.push({ t, ...p.box });
      const b = p.box;
      log?.push(`${' '.repeat(10)}pointer centre ${Math.round((b.x0 + b.x1) / 2)},${Math.round((b.y0 + b.y1) / 2)}  box ${b.x0},${b.y0}–${b.x1},${b.y1} (${b.x1 - b.x0}×${b.y1 - b.y0})`);
    }
  });
  const states = d.finish();
  update(true);
  return { framesMs: states.map((s) => picked.get(s.timestampMs) ?? s.timestampMs), track, typed };
}

async function main() {
  const split = arg('split') ?? 'tuning';
  const traced = arg('track');
  const [trackScenario, trackFormat] = traced?.split(':') ?? [];
  const named = arg('scenario')?.split(',').filter(Boolean) ?? (trackScenario ? [trackScenario] : undefined);
  const scenarios = named ?? SCENARIOS.filter((s) => split === 'all' || s.split === split).map((s) => s.name);
  const plan = defaultPlan(scenarios, 1280, 720).filter((p) => !trackFormat || p.format === trackFormat);
  const candidates = process.argv.includes('--candidates');
  const t0 = performance.now();
  const recs = await recordings(plan, () => {});
  const rows: Row[] = [];
  for (const rec of recs) {
    const s = performance.now();
    const f = await frames(rec);
    const log: string[] | undefined = traced ? [] : undefined;
    const r = replay(f, candidates ? rec.truth.timeline.map((e) => e.t).filter((t) => t <= rec.truth.durationMs) : undefined, log);
    const row: Row = { rec, method: candidates ? 'detector (timeline candidates)' : 'detector (pixels only)', score: score(r.framesMs, windows(rec.truth), rec.truth), ms: performance.now() - s };
    rows.push(row);
    console.log(line(row));
    if (row.score.missed.length) console.log(`  missed ${row.score.missed.map((w) => `${w.kind} ${w.settledMs}`).join(', ')}`);
    if (row.score.wrongMs.length) console.log(`  wrong ${row.score.wrongMs.join(', ')}`);
    if (r.typed.length) console.log(`  typed before ${r.typed.join(', ')}`);
    if (traced) {
      const from = Number(arg('from') ?? 0), to = Number(arg('to') ?? Infinity);
      const scale = 1280 / f.width; // the lane reports the track in the video's pixels; boxes here are the detector's
      console.log(`  keyframes ${r.framesMs.map(Math.round).join(', ')}`);
      console.log(`  frame by frame (pointer boxes in detector pixels; ×${scale.toFixed(3)} for the video's):`);
      let shown = false;
      for (const l of log!) {
        const t = /^ *(\d+) ms/.exec(l)?.[1];
        if (t !== undefined) shown = Number(t) >= from && Number(t) <= to;
        if (shown) console.log(`  ${l}`);
      }
    }
  }
  const bySplit = new Map<string, Row[]>();
  for (const r of rows) bySplit.set(r.rec.split, [...(bySplit.get(r.rec.split) ?? []), r]);
  const head = ['split', 'recordings', 'settled recall', 'loose recall', 'precision', 'frames/step', 'frames in pointer-only stretches'];
  console.log(`\n${table(head, [...bySplit].map(([name, rs]) => [name, String(rs.length), ...cells(rs.reduce((c, r) => add(c, r.score.all), zero()))]))}`);
  console.log(`\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
