/**
 * One run in a process of its own, so its peak RSS is the run's: `lane-child.ts <mode> <file>
 * <candidates ms, comma-separated>` (modes: see MODES). Prints one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODES, runMode, type Mode } from './modes.js';

const [mode, file, cands] = process.argv.slice(2);
if (!MODES.includes(mode as Mode)) throw new Error(`mode must be one of ${MODES.join(', ')}`);
const candidatesMs = (cands ?? '').split(',').filter(Boolean).map(Number);
const workDir = await mkdtemp(join(tmpdir(), 'bench-video-'));
const baseRssKb = process.resourceUsage().maxRSS;
try {
  const r = await runMode(mode as Mode, file!, workDir, candidatesMs);
  console.log(JSON.stringify({ ...r, baseRssKb, maxRssKb: process.resourceUsage().maxRSS }));
} finally {
  await rm(workDir, { recursive: true, force: true });
}
