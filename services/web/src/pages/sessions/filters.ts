import type { Session, SessionStatus } from '@claude-scope/contracts';

export type DateRange = 'any' | '7d' | '30d';
export const DATE_RANGES: { id: DateRange; label: string; days?: number }[] = [
  { id: 'any', label: 'Any time' },
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
];

export interface Filters {
  q: string;
  status: SessionStatus | '';
  range: DateRange;
}

export function readFilters(search: URLSearchParams): Filters {
  const status = search.get('status');
  const range = search.get('range');
  return {
    q: search.get('q') ?? '',
    status: status === 'processing' || status === 'complete' || status === 'error' ? status : '',
    range: range === '7d' || range === '30d' ? range : 'any',
  };
}

export function filtersToQuery(f: Filters): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.status) p.set('status', f.status);
  if (f.range !== 'any') p.set('range', f.range);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * The API filters by title and status; the date range is applied here, to the rows loaded so far.
 * The order stays the API's (most recently updated first): pages are cursor-paged in that order, so
 * re-sorting a partial list would claim an order it cannot know and move rows when more are loaded.
 */
export function applyClientFilters(sessions: readonly Session[], range: DateRange, now = Date.now()): Session[] {
  const days = DATE_RANGES.find((r) => r.id === range)?.days;
  const since = days ? now - days * 86_400_000 : -Infinity;
  return sessions.filter((s) => Date.parse(s.createdAt) >= since);
}
