import { createOcr, prepare } from '@claude-scope/ocr';
import { generateRecording } from '@claude-scope/testkit';
import { readRecording } from './read.js';
import { floor } from '../video/floor.js';

const name = process.argv[2] ?? 'modal-confirm';
const ocr = createOcr({ concurrency: Number(process.env.C ?? 2) });
const rec = await generateRecording(name, { width: 1280, height: 720, fps: 30 });
const f = await floor(rec.videoPath);
const t0 = performance.now();
const run = await readRecording(rec.videoPath, ocr, `${rec.truth.origin}/`, (i, r) => {
  const px = r.areas ? r.areas.reduce((s, a) => s + a.w * a.h, 0) : 1280 * 720;
  const ch = r.regions.reduce((s, a) => s + a.w * a.h, 0) / (1280 * 720);
  console.log(`[${i}] t=${r.timestamp} changed=${ch.toFixed(2)} nreg=${r.regions.length} areas=${r.areas ? r.areas.length : 'whole'} px=${(px / 1e3).toFixed(0)}k share=${(px / (1280 * 720)).toFixed(2)} words=${r.words.length} at ${(performance.now() - t0).toFixed(0)}ms`);
});
console.log(`${name}: floor ${f.wallMs.toFixed(0)} ms cpu ${f.cpuMs}; video ${run.videoMs.toFixed(0)} ms; vision ${run.visionMs.toFixed(0)} ms cpu ${run.visionCpuMs.toFixed(0)} ms; keyframes ${run.frames.length}`);
await ocr.close();
