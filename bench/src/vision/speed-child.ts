/**
 * The vision lane's reading in a process of its own, as a worker process runs it: `speed-child.ts <input.json>`
 * (a VisionInput and the seed URL). Its OCR pool is started and warmed first (a running worker keeps its pool
 * between jobs), then the reading is timed. Prints one JSON line: wall and CPU (every thread) of the reading,
 * the pool's start-up, keyframes, the process's peak RSS.
 */
import { readFileSync } from 'node:fs';
import { createOcr } from '@claude-scope/ocr';
import { readFrames, type VisionInput } from './read.js';

const { input, seedUrl, concurrency } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { input: VisionInput; seedUrl: string; concurrency: number };
const ocr = createOcr({ concurrency });
const t0 = performance.now();
const cpu0 = process.cpuUsage();
// One small read per worker at once: every worker of the pool started and its language data loaded.
const blank = { data: Buffer.alloc(64 * 32, 255), width: 64, height: 32 };
await Promise.all(Array.from({ length: concurrency }, () => ocr.read(blank)));
const startCpu = process.cpuUsage(cpu0);
const startMs = performance.now() - t0;
const run = await readFrames(input, ocr, seedUrl);
await ocr.close();
console.log(
  JSON.stringify({
    visionMs: run.visionMs,
    visionCpuMs: run.visionCpuMs,
    poolStartMs: startMs,
    poolStartCpuMs: (startCpu.user + startCpu.system) / 1000,
    keyframes: run.frames.length,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
