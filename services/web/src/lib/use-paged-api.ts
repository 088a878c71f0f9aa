import { useCallback, useEffect, useRef, useState } from 'react';
import { apiPage } from '../api/client';
import { errorMessage } from '../api/errors';

export interface PagedState<T> {
  /** Every row loaded so far, in the server's order, each id once; undefined until the first page. */
  items: T[] | undefined;
  /** The server said there is a next page (`Link: <…>; rel="next"`). */
  hasMore: boolean;
  /** The first page is (re)loading: after a change of `path` the previous rows stay until it arrives. */
  loading: boolean;
  error: string | null;
  reload: () => void;
  /** Fetches the next page and appends it; ignored while anything is loading or when there is none. */
  loadMore: () => void;
  loadingMore: boolean;
  moreError: string | null;
  /** Drops rows deleted here from what is loaded (the next page's cursor does not depend on them). */
  remove: (ids: ReadonlySet<string>) => void;
}

/** Appends `page` to `prev`, skipping ids already there (a row can move between pages while paging). */
export function appendUnique<T extends { id: string }>(prev: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(prev.map((r) => r.id));
  const out = [...prev];
  for (const row of page) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push(row);
  }
  return out;
}

/**
 * A cursor-paged list: GETs `path` (the first page) and follows the rel="next" link on `loadMore`.
 * A new `path` (other filters) starts again from its first page; a pending "more" for the old one is dropped.
 */
export function usePagedApi<T extends { id: string }>(path: string): PagedState<T> {
  const [items, setItems] = useState<T[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const more = useRef<AbortController | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setLoadingMore(false);
    setMoreError(null);
    apiPage<T[]>(path, { signal: ctrl.signal })
      .then((page) => {
        if (ctrl.signal.aborted) return;
        setItems(appendUnique([], page.data));
        setNext(page.next);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => {
      ctrl.abort();
      more.current?.abort();
      more.current = null;
    };
  }, [path, nonce]);

  const loadMore = useCallback(() => {
    if (next === null || loading || more.current) return;
    const ctrl = new AbortController();
    more.current = ctrl;
    setLoadingMore(true);
    setMoreError(null);
    apiPage<T[]>(next, { signal: ctrl.signal })
      .then((page) => {
        if (ctrl.signal.aborted) return;
        setItems((prev) => appendUnique(prev ?? [], page.data));
        setNext(page.next);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setMoreError(errorMessage(err));
      })
      .finally(() => {
        if (more.current !== ctrl) return;
        more.current = null;
        setLoadingMore(false);
      });
  }, [next, loading]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const remove = useCallback((ids: ReadonlySet<string>) => setItems((prev) => prev?.filter((r) => !ids.has(r.id))), []);
  return { items, hasMore: next !== null, loading, error, reload, loadMore, loadingMore, moreError, remove };
}
