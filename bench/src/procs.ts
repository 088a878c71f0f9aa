import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The benchmarks' processes and measurements: starting the service's processes, their RSS, the ffmpeg decode floor. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startProcess(cwd: string, entry: string, env: Record<string, string>): ChildProcess {
  const p = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', entry], {
    cwd: path.join(ROOT, cwd),
    env: { ...(process.env as Record<string, string>), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return p;
}

export async function waitHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await sleep(200);
  }
  throw new Error(`${url} did not come up`);
}

/**
 * The machine is shared: wait (up to `maxWaitMs`) for the 1-minute load average to drop under `maxLoad`, so a burst
 * of someone else's work does not land inside one side of a comparison only. Returns the load then, and whether it waited.
 */
export async function waitForQuiet(maxLoad: number, maxWaitMs = 120_000): Promise<{ load: number; waited: boolean }> {
  let waited = 0;
  for (; os.loadavg()[0]! > maxLoad && waited < maxWaitMs; waited += 5000) await sleep(5000);
  return { load: os.loadavg()[0]!, waited: waited > 0 };
}

export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

export function ffmpegFloorMs(file: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.env.FFMPEG_PATH ?? 'ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('ffmpeg floor run failed');
  return performance.now() - t0;
}
