import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const HZ = (() => {
  try {
    return Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface CpuSnapshot {
  /** This process, all its threads (sharp's, tesseract's workers), user + system, ms. */
  selfMs: number;
  /** Its children that ended and were waited for (ffmpeg, ffprobe), user + system, ms. */
  childrenMs: number;
}

/** cutime and cstime, fields 16 and 17 of /proc/self/stat (counted after the command's closing parenthesis). */
function childrenMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After ")": field 3 (state) is index 0, so field n is index n - 3.
  return ((Number(f[16 - 3]) + Number(f[17 - 3])) * 1000) / HZ;
}

export function cpuSnapshot(): CpuSnapshot {
  const u = process.cpuUsage();
  return { selfMs: (u.user + u.system) / 1000, childrenMs: childrenMs() };
}

/** CPU of the process tree since `s`: what the work between the two snapshots cost, start-up excluded. */
export function cpuSince(s: CpuSnapshot): CpuSnapshot & { totalMs: number } {
  const n = cpuSnapshot();
  const selfMs = n.selfMs - s.selfMs;
  const kidsMs = n.childrenMs - s.childrenMs;
  return { selfMs, childrenMs: kidsMs, totalMs: selfMs + kidsMs };
}
