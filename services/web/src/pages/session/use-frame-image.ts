import { useEffect, useState } from 'react';
import { apiBlob } from '../../api/client';
import { takeOrAsk } from '../../lib/prefetch';
import { useObjectUrl } from '../../lib/use-object-url';
import { sessionPaths } from './prefetch';

/**
 * The full-resolution PNG of a frame. An <img> cannot send the bearer token, so it is fetched and shown
 * through an object URL; until then (or if it fails) the caller shows the thumbnail. Asked for only once
 * `wanted` (the frame's tree is in: on a slow link the small tree goes first, not beside a large picture).
 */
export function useFrameImage(sessionId: string, frameId: string, wanted = true): string | null {
  const [blob, setBlob] = useState<Blob | null>(null);
  useEffect(() => {
    setBlob(null);
    if (!wanted) return;
    const ctrl = new AbortController();
    const path = sessionPaths(sessionId).frameImage(frameId);
    takeOrAsk(path, () => apiBlob(path, ctrl.signal))
      .then((b) => {
        if (!ctrl.signal.aborted) setBlob(b);
      })
      .catch(() => {}); // the thumbnail stays: good enough, and not worth an error
    return () => ctrl.abort();
  }, [sessionId, frameId, wanted]);
  return useObjectUrl(blob);
}
