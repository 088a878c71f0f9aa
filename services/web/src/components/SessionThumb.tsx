import { useEffect, useRef, useState } from 'react';
import type { Session } from '@claude-scope/contracts';
import { apiBlob } from '../api/client';
import { useObjectUrl } from '../lib/use-object-url';

/**
 * A row's picture: the API's small WebP of the session's first frame (GET /sessions/:id/thumbnail, a few KB),
 * fetched once the row scrolls into view (an <img> cannot send the bearer token) and kept by the browser's cache.
 * Decorative: the row's title says what it is. A session with no frame yet keeps the empty box.
 */
export function SessionThumb({ session }: { session: Pick<Session, 'id' | 'status' | 'frameCount'> }) {
  const box = useRef<HTMLSpanElement>(null);
  const [blob, setBlob] = useState<Blob | null>(null);
  const hasFrames = session.status === 'complete' && session.frameCount > 0;
  useEffect(() => {
    setBlob(null);
    const el = box.current;
    if (!hasFrames || !el) return;
    const ctrl = new AbortController();
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      apiBlob(`/sessions/${session.id}/thumbnail`, ctrl.signal)
        .then(setBlob)
        .catch(() => {}); // the empty box stays: a missing picture is not worth an error
    }, { rootMargin: '200px' });
    seen.observe(el);
    return () => {
      seen.disconnect();
      ctrl.abort();
    };
  }, [session.id, hasFrames]);
  const url = useObjectUrl(blob);
  return (
    <span ref={box} className="thumb" aria-hidden="true">
      {url && <img src={url} alt="" />}
    </span>
  );
}
