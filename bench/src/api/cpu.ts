import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Busy and total jiffies of the whole machine, from /proc/stat. */
export function machineJiffies(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/**
 * CPU seconds used so far by each Postgres backend serving `database` (by pid): only ours, since other
 * people's tests use the same server. Backends show `postgres: user database host(port) state` as cmdline.
 */
export function postgresCpuSeconds(database: string): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'postgres') continue;
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!cmdline.split(' ').includes(database)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) / CLK_TCK); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* the process exited meanwhile */
    }
  }
  return byPid;
}

/** Postgres CPU seconds used between two samples; backends that started meanwhile count from zero. */
export function postgresCpuSince(database: string, before: Map<string, number>): number {
  let s = 0;
  for (const [pid, now] of postgresCpuSeconds(database)) s += now - (before.get(pid) ?? 0);
  return s;
}
