import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { takeOrAsk } from './prefetch';

export interface ApiState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
  setData: (update: T | ((prev: T | undefined) => T)) => void;
}

/**
 * GETs `path` (null: nothing yet) and keeps the last good data while reloading, so nothing jumps. A request for
 * `path` already started with `prefetch` (keyed by its path) is taken instead of asking again.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [nonce, setNonce] = useState(0);
  const current = useRef(path);
  current.current = path;

  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    setLoading(true);
    takeOrAsk(path, () => api<T>(path, { signal: ctrl.signal }))
      .then((value) => {
        if (ctrl.signal.aborted) return; // a prefetched request is not aborted with the effect
        setData(value);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted && (err as Error).name !== 'AbortError') setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload, setData: setData as ApiState<T>['setData'] };
}
