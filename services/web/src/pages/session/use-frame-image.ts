import { useEffect, useState } from 'react';
import { apiBlob } from '../../api/client';
import { useObjectUrl } from '../../lib/use-object-url';

/**
 * The full-resolution PNG of a frame. An <img> cannot send the bearer token, so it is fetched and shown
 * through an object URL; until then (or if it fails) the caller shows the thumbnail.
 */
export function useFrameImage(sessionId: string, frameId: string): string | null {
  const [blob, setBlob] = useState<Blob | null>(null);
  useEffect(() => {
    setBlob(null);
    const ctrl = new AbortController();
    apiBlob(`/sessions/${sessionId}/frames/${frameId}/image`, ctrl.signal)
      .then(setBlob)
      .catch(() => {}); // the thumbnail stays: good enough, and not worth an error
    return () => ctrl.abort();
  }, [sessionId, frameId]);
  return useObjectUrl(blob);
}
