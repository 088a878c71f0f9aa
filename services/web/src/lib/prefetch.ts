/**
 * Requests started ahead of the component that shows their answer, so a page's data does not wait for React to
 * draw first: `prefetch` starts one (or joins the one under way); the component later calls `takeOrAsk`, which
 * takes it — once, and only while fresh — or else asks itself. A key a component has already asked for itself
 * is not prefetched again (a prefetch that comes late must not send the same request twice).
 */
const FRESH_MS = 30_000;
const started = new Map<string, { at: number; value: Promise<unknown> }>();
const asked = new Map<string, number>();

function prune(now: number): void {
  for (const [k, e] of started) if (now - e.at > FRESH_MS) started.delete(k);
  for (const [k, at] of asked) if (now - at > FRESH_MS) asked.delete(k);
}

/** The request under `key`, started now or joined; null when a component has just asked for it itself. */
export function prefetch<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> | null {
  prune(now);
  const known = started.get(key);
  if (known) return known.value as Promise<T>;
  if (asked.has(key)) return null;
  const value = load();
  value.catch(() => {}); // a failure is for the taker to show, not an unhandled rejection
  started.set(key, { at: now, value });
  return value;
}

/** The prefetched request under `key` if there is a fresh one (taken: the next call asks again), else `load()`. */
export function takeOrAsk<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  prune(now);
  const e = started.get(key);
  started.delete(key);
  if (e) return e.value as Promise<T>;
  asked.set(key, now);
  return load();
}
