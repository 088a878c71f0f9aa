/**
 * bench:vision — the vision lane on the testkit, uploaded without a timeline and with the seed unreachable
 * (pixels only): per recording and per split (tuning / validation, the latter never tuned on), the elements acted
 * on named, typed text, URLs where an address bar shows, and the lane's time against the plain decode of the
 * same file measured in the same run. `--out <file>` writes the markdown report; `--speed-reps N` cold/warm pairs of
 * the 60 s speed case (speed.ts; `--speed-only`: that alone); `--max-load L` waits before each pair for the load to drop.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createOcr } from '@claude-scope/ocr';
import { generateRecording, getScenario, SCENARIOS, type Split } from '@claude-scope/testkit';
import { floor } from '../video/floor.js';
import { readRecording } from './read.js';
import { IN_TIME_MS, scoreVision, type Tally, type VisionScore } from './score.js';
import { speedMarkdown, speedRuns } from './speed.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, concurrency: { type: 'string', default: '2' }, scenario: { type: 'string' }, 'speed-reps': { type: 'string', default: '3' }, 'speed-only': { type: 'boolean', default: false }, 'max-load': { type: 'string' } },
});
const concurrency = Number(values.concurrency);
const names = values['speed-only'] ? [] : values.scenario ? values.scenario.split(',') : SCENARIOS.filter((s) => s.name !== 'smoke').map((s) => s.name);
const ocr = createOcr({ concurrency });

interface Row {
  name: string;
  split: Split;
  frame: string;
  keyframes: number;
  durationMs: number;
  score: VisionScore;
  floorMs: number;
  floorCpuMs: number | null;
  visionMs: number;
  visionCpuMs: number;
}
const rows: Row[] = [];
const startedAt = new Date();
for (const name of names) {
  const scenario = getScenario(name);
  const rec = await generateRecording(name, { width: 1280, height: 720, fps: 30 });
  const f = await floor(rec.videoPath);
  const run = await readRecording(rec.videoPath, ocr, `${rec.truth.origin}/`);
  const score = scoreVision(rec.truth, run.frames, scenario.frame === 'window');
  rows.push({ name, split: scenario.split, frame: scenario.frame ?? 'page', keyframes: run.frames.length, durationMs: run.video.probe.durationMs, score, floorMs: f.wallMs, floorCpuMs: f.cpuMs, visionMs: run.visionMs, visionCpuMs: run.visionCpuMs });
  console.error(`${name}: acted ${score.acted.hit}/${score.acted.of} typed ${score.typed.hit}/${score.typed.of} appeared ${score.appeared.hit}/${score.appeared.of} urls ${score.urls.hit}/${score.urls.of}; vision ${(run.visionMs / 1000).toFixed(1)} s, floor ${(f.wallMs / 1000).toFixed(1)} s`);
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;
await ocr.close();
const speed = Number(values['speed-reps']) > 0 ? await speedRuns(Number(values['speed-reps']), concurrency, 'http://127.0.0.1:9/', Number(values['max-load'] ?? Infinity)) : null;

const pct = (t: Tally) => (t.of ? `${((100 * t.hit) / t.of).toFixed(0)} % (${t.hit}/${t.of})` : '–');
const sum = (rs: Row[], k: Exclude<keyof VisionScore, 'missed'>): Tally => rs.reduce((a, r) => ({ hit: a.hit + r.score[k].hit, of: a.of + r.score[k].of }), { hit: 0, of: 0 });
const ratio = (a: number, b: number | null) => (b ? `${(a / b).toFixed(1)}×` : '–');
const lines = [
  '# bench:vision — the vision lane, pixels only (no timeline, seed unreachable)',
  '',
  `Run ${startedAt.toISOString()} on \`nproc\` = ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), OCR concurrency ${concurrency}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (the machine is shared with other engineers' builds and tests: wall times are indicative, CPU ratios hold).`,
  '',
  `Command: \`pnpm --filter @claude-scope/bench bench:vision ${process.argv.slice(2).join(' ')}\` (testkit recordings, 1280×720 webm at 30 fps, generated once and cached).`,
  '',
  'Scores against each recording\'s ground-truth timeline: **acted** = clicks and fills whose target an inferred action names (by its accessible name, or by a text the screen shows for it: the truth\'s `shown`);',
  `**in time** = the same, only when that action is within ${IN_TIME_MS / 1000} s of the event (acted alone also credits a name read off a wrong frame or another step);`,
  `**grounded** = of the clicks and fills the lane inferred, those naming a click or fill of the timeline within ${IN_TIME_MS / 1000} s (its precision: the rest are actions nobody took, which a replay would repeat);`,
  '**typed** = readable (non-secret) values an inferred fill carries; **appeared** = names (short visible texts) that appeared or changed in a step on the same page, at most 8 a step, quoted by a change sentence of one of the step\'s keyframes; **URLs** = pages visited that a frame reads off the address bar',
  '(window recordings only). Time: the vision lane\'s part (compare keyframes, OCR, inference) after the video lane, wall and CPU, against',
  'the plain decode of the same file (`ffmpeg -i f -f null -`) in the same run. Targets (issue 20, validation split): acted ≥ 80 %, appeared ≥ 70 %, typed ≥ 80 %,',
  'URLs ≥ 90 %; vision ≤ 2× the floor.',
  '',
  ...(rows.length ? scoreLines() : []),
  `Peak RSS of the benchmark process (video analysis, OCR workers and all): ${peakRssMb.toFixed(0)} MB.`,
  '',
  ...(speed ? speedMarkdown(speed, concurrency) : []),
];
/** Scores per split and per recording (not printed for --speed-only). */
function scoreLines(): string[] {
  return [
    '| split | acted on, named | acted on, named in time | inferred actions grounded | appeared or changed, named | typed text | URLs |',
    '|---|---|---|---|---|---|---|',
    ...(['tuning', 'validation'] as const).map((s) => {
      const rs = rows.filter((r) => r.split === s);
      return `| ${s} (${rs.length}) | ${pct(sum(rs, 'acted'))} | ${pct(sum(rs, 'actedInTime'))} | ${pct(sum(rs, 'grounded'))} | ${pct(sum(rs, 'appeared'))} | ${pct(sum(rs, 'typed'))} | ${pct(sum(rs, 'urls'))} |`;
    }),
    '',
    '| recording | split | frame | keyframes | length | acted | in time | grounded | appeared | typed | URLs | vision wall | ÷ floor wall | vision CPU ÷ floor CPU |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.split} | ${r.frame} | ${r.keyframes} | ${(r.durationMs / 1000).toFixed(0)} s | ${pct(r.score.acted)} | ${pct(r.score.actedInTime)} | ${pct(r.score.grounded)} | ${pct(r.score.appeared)} | ${pct(r.score.typed)} | ${pct(r.score.urls)} | ${(r.visionMs / 1000).toFixed(1)} s | ${ratio(r.visionMs, r.floorMs)} | ${ratio(r.visionCpuMs, r.floorCpuMs)} |`,
    ),
    '',
  ];
}
const md = lines.join('\n');
if (values.out) writeFileSync(values.out, md);
console.log(md);
