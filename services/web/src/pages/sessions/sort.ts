import type { Session } from '@claude-scope/contracts';
import { agentLabel } from '../../lib/agents';

/** Columns the sessions table sorts by; null: the API's order (most recently updated first). */
export type SortKey = 'title' | 'agent' | 'status' | 'duration' | 'frames' | 'created';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const VALUE: Record<SortKey, (s: Session) => string | number> = {
  title: (s) => s.title,
  agent: (s) => agentLabel(s.agentTarget),
  status: (s) => s.status,
  duration: (s) => s.duration,
  frames: (s) => s.frameCount,
  created: (s) => s.createdAt,
};

/** The rows in `sort`'s order; ties keep the API's order (the sort is stable). */
export function sortSessions(rows: readonly Session[], sort: Sort | null): Session[] {
  if (!sort) return [...rows];
  const value = VALUE[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return c * sign;
  });
}

/** A header pressed: a new column sorts ascending (dates and numbers: largest first), the same one flips. */
export function nextSort(current: Sort | null, key: SortKey): Sort {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'title' || key === 'agent' || key === 'status' ? 'asc' : 'desc' };
}
