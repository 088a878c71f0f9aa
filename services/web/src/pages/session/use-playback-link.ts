import { useCallback, useEffect, useState } from 'react';
import type { PlaybackLink } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import { takeOrAsk } from '../../lib/prefetch';
import { sessionPaths } from './prefetch';

export type PlaybackState =
  | { kind: 'loading' }
  /** The session kept no copy (keepPlayback was off at upload, or the copy could not be made). */
  | { kind: 'none' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; link: PlaybackLink };

/**
 * The session's playback link (GET /sessions/:id/playback/link): a <video> cannot send the bearer token, so it
 * plays a short-lived URL instead. Asked for once the session is complete; `renew` fetches a fresh link (the
 * player calls it when the old one lapsed mid-review).
 */
export function usePlaybackLink(sessionId: string, complete: boolean): { state: PlaybackState; renew: () => void } {
  const [state, setState] = useState<PlaybackState>({ kind: 'loading' });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (!complete) return;
    const ctrl = new AbortController();
    const path = sessionPaths(sessionId).playbackLink;
    // The first link may have been asked for with the overview (prefetchSessionPage); a renewal asks again.
    takeOrAsk(path, () => api<PlaybackLink>(path, { signal: ctrl.signal }))
      .then((link) => {
        if (!ctrl.signal.aborted) setState({ kind: 'ready', link });
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted || (err as Error).name === 'AbortError') return;
        setState(err instanceof ApiError && err.status === 404 ? { kind: 'none' } : { kind: 'error', message: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [sessionId, complete, nonce]);
  const renew = useCallback(() => setNonce((n) => n + 1), []);
  return { state, renew };
}
