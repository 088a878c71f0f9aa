/** Columns the sessions table sorts by; null: the API's default order (most recently updated first). */
export type SortKey = 'title' | 'agent' | 'status' | 'duration' | 'frames' | 'created';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** The API sorts the whole list (GET /sessions `sort`, `order`), so every page arrives in the chosen order. */
const API_FIELD: Record<SortKey, string> = {
  title: 'title',
  agent: 'agentTarget',
  status: 'status',
  duration: 'duration',
  frames: 'frameCount',
  created: 'createdAt',
};
const KEYS = Object.keys(API_FIELD) as SortKey[];

/** The sort in the page's URL (`?sort=title&order=asc`), or null for the default order. */
export function readSort(search: URLSearchParams): Sort | null {
  const key = search.get('sort');
  if (!KEYS.includes(key as SortKey)) return null;
  return { key: key as SortKey, dir: search.get('order') === 'asc' ? 'asc' : search.get('order') === 'desc' ? 'desc' : defaultDir(key as SortKey) };
}

/** Writes `sort` into `params` twice over: the page's URL and the API's query use the same names. */
export function setSortParams(params: URLSearchParams, sort: Sort | null, api: boolean): void {
  if (!sort) return;
  params.set('sort', api ? API_FIELD[sort.key] : sort.key);
  params.set('order', sort.dir);
}

const defaultDir = (key: SortKey): Sort['dir'] => (key === 'title' || key === 'agent' || key === 'status' ? 'asc' : 'desc');

/** A header pressed: a new column sorts ascending (dates and numbers: largest first), the same one flips. */
export function nextSort(current: Sort | null, key: SortKey): Sort {
  if (current?.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: defaultDir(key) };
}
