import { readdirSync, readFileSync } from 'node:fs';

/** Live (or zombie) child processes of this process: [pid, command, state]. */
export function children(): { pid: number; comm: string; state: string }[] {
  const out: { pid: number; comm: string; state: string }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces, so split after the closing paren.
      const close = stat.lastIndexOf(')');
      const [state, ppid] = stat.slice(close + 2).split(' ');
      if (Number(ppid) === process.pid) out.push({ pid: Number(d), comm: stat.slice(stat.indexOf('(') + 1, close), state: state! });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}
