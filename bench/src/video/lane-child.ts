/**
 * One run in a process of its own, so its peak RSS is the run's: `lane-child.ts <mode> <file>
 * <candidates ms, comma-separated>` (modes: see MODES). Prints one JSON line, with the CPU of
 * the work alone (this process's threads + its waited-for children, ffmpeg and ffprobe; Node start-up excluded).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSince, cpuSnapshot } from './cpu.js';
import { MODES, runMode, type Mode } from './modes.js';

const [mode, file, cands] = process.argv.slice(2);
if (!MODES.includes(mode as Mode)) throw new Error(`mode must be one of ${MODES.join(', ')}`);
const candidatesMs = (cands ?? '').split(',').filter(Boolean).map(Number);
const workDir = await mkdtemp(join(tmpdir(), 'bench-video-'));
const baseRssKb = process.resourceUsage().maxRSS;
try {
  const cpu0 = cpuSnapshot();
  const r = await runMode(mode as Mode, file!, workDir, candidatesMs);
  const cpu = cpuSince(cpu0);
  console.log(JSON.stringify({ ...r, workCpuMs: cpu.totalMs, workCpuSelfMs: cpu.selfMs, workCpuChildrenMs: cpu.childrenMs, baseRssKb, maxRssKb: process.resourceUsage().maxRSS }));
} finally {
  await rm(workDir, { recursive: true, force: true });
}
