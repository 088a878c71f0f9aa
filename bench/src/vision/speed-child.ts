/**
 * The vision lane's reading in a process of its own, as a worker process runs it: `speed-child.ts <input.json>`
 * (a VisionInput, the seed URL, the OCR concurrency and `warm`). Its OCR pool is started first, outside the clock:
 * `warm` as a vision worker starts it (Ocr.warmUp(): each worker reads a small image of UI text, so V8 has
 * compiled Tesseract's hot WebAssembly), else cold (each worker started by a blank read, which recognizes
 * nothing, so the compiles fall on the reading). Then the reading is timed. Prints one JSON line: wall and CPU
 * (every thread) of the reading, the pool's start-up, what was read, the process's peak RSS.
 */
import { readFileSync } from 'node:fs';
import { createOcr, type Ocr } from '@claude-scope/ocr';
import { readFrames, type VisionInput } from './read.js';

const { input, seedUrl, concurrency, warm } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { input: VisionInput; seedUrl: string; concurrency: number; warm: boolean };
const pool = createOcr({ concurrency });
// What was read: whole frames, areas, and how many frames' worth of pixels in all (the OCR's work grows with them).
const tally = { wholeReads: 0, areaReads: 0, pixels: 0, words: 0 };
const ocr: Ocr = {
  ...pool,
  async read(image, options) {
    const words = await pool.read(image, options);
    if (options?.region) (tally.areaReads++, (tally.pixels += options.region.w * options.region.h));
    else (tally.wholeReads++, (tally.pixels += input.probe.width * input.probe.height));
    tally.words += words.length;
    return words;
  },
};
const t0 = performance.now();
const cpu0 = process.cpuUsage();
if (warm) await pool.warmUp();
else {
  // One blank read per worker at once: every worker started and its language data loaded, nothing recognized.
  const blank = { data: Buffer.alloc(64 * 32, 255), width: 64, height: 32 };
  await Promise.all(Array.from({ length: concurrency }, () => pool.read(blank)));
}
const startCpu = process.cpuUsage(cpu0);
const startMs = performance.now() - t0;
const run = await readFrames(input, ocr, seedUrl);
await pool.close();
console.log(
  JSON.stringify({
    visionMs: run.visionMs,
    visionCpuMs: run.visionCpuMs,
    poolStartMs: startMs,
    poolStartCpuMs: (startCpu.user + startCpu.system) / 1000,
    keyframes: run.frames.length,
    ...tally,
    frameEquivalents: tally.pixels / (input.probe.width * input.probe.height),
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
