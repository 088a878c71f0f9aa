/**
 * Vision tuning loop (not the benchmark): testkit recordings → the video lane's keyframes and pointer track →
 * the vision lane's reading, printed per keyframe next to the ground truth, with the acted-on / typed / URL
 * scores. `--split tuning|validation|all`, `--scenario a,b`, `--verbose`.
 */
import { parseArgs } from 'node:util';
import { createOcr } from '@claude-scope/ocr';
import { generateRecording, getScenario, SCENARIOS, type Truth } from '@claude-scope/testkit';
import { inferredTimeline, type InferredFrame } from '@claude-scope/vision';
import { readRecording } from './read.js';
import { scoreVision, type VisionScore } from './score.js';

const { values } = parseArgs({ options: { split: { type: 'string', default: 'tuning' }, scenario: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
const names = values.scenario ? values.scenario.split(',') : SCENARIOS.filter((s) => s.name !== 'smoke' && (values.split === 'all' || s.split === values.split)).map((s) => s.name);
const ocr = createOcr({ concurrency: 2 });
const totals: VisionScore[] = [];
let cpuMs = 0;
for (const name of names) {
  const rec = await generateRecording(name, { width: 1280, height: 720, fps: 30 });
  const box = (b: { x: number; y: number; w: number; h: number }) => `${b.x},${b.y} ${b.w}x${b.h}`;
  const run = await readRecording(rec.videoPath, ocr, `${rec.truth.origin}/`, (i, r) => {
    if (!values.verbose) return;
    console.log(`  [${i}] ${r.timestamp} regions ${r.regions.map(box).join(' · ')} | areas ${r.areas ? r.areas.map(box).join(' · ') : 'whole'}`);
    console.log(`      words: ${r.words.map((w) => `${w.text}@${w.box.x},${w.box.y}:${w.confidence.toFixed(2)}`).join(' ').slice(0, 600)}`);
  });
  const score = scoreVision(rec.truth, run.frames, getScenario(name).frame === 'window');
  totals.push(score);
  cpuMs += run.visionCpuMs;
  console.log(`\n## ${name} (${getScenario(name).split}, ${getScenario(name).frame ?? 'page'}): video ${(run.videoMs / 1000).toFixed(1)} s, vision ${(run.visionMs / 1000).toFixed(1)} s (CPU ${(run.visionCpuMs / 1000).toFixed(1)} s), ${run.frames.length} keyframes, ${run.video.pointer.length} pointer samples`);
  console.log(`acted ${score.acted.hit}/${score.acted.of} (in time ${score.actedInTime.hit})  grounded ${score.grounded.hit}/${score.grounded.of}  typed ${score.typed.hit}/${score.typed.of}  appeared ${score.appeared.hit}/${score.appeared.of}  urls ${score.urls.hit}/${score.urls.of}`);
  if (values.verbose) print(rec.truth, run.frames, score);
}
const sum = (k: Exclude<keyof VisionScore, 'missed'>) => totals.reduce((a, s) => ({ hit: a.hit + s[k].hit, of: a.of + s[k].of }), { hit: 0, of: 0 });
const pct = ({ hit, of }: { hit: number; of: number }) => (of ? `${((100 * hit) / of).toFixed(0)} % (${hit}/${of})` : '–');
console.log(`\nTOTAL acted ${pct(sum('acted'))} (in time ${pct(sum('actedInTime'))})  grounded ${pct(sum('grounded'))}  typed ${pct(sum('typed'))}  appeared ${pct(sum('appeared'))}  urls ${pct(sum('urls'))}  vision CPU ${(cpuMs / 1000).toFixed(1)} s`);
await ocr.close();

function print(truth: Truth, frames: InferredFrame[], score: VisionScore) {
  console.log('truth:', truth.timeline.map((e) => `${e.t} ${e.type} ${'name' in e ? e.name : 'url' in e ? e.url : 'key' in e ? e.key : ''}`).join(' | '));
  for (const f of frames) console.log(`  ${f.timestamp} ${f.url ?? ''} ${f.action ? JSON.stringify(f.action) : '-'}\n      ${f.changes.join(' ; ').slice(0, 400)}`);
  console.log('  inferred:', inferredTimeline(frames).map((a) => `${a.type} ${'name' in a ? a.name : 'url' in a ? a.url : ''}`).join(' | '));
  console.log('  missed:', score.missed.join(' | '));
}
