import type { SessionOverview } from '@claude-scope/contracts';
import { api, apiBlob, apiResponse } from '../../api/client';
import { prefetch } from '../../lib/prefetch';

/** The paths the session page reads: one place, so what is prefetched is what the page's hooks ask for. */
export const sessionPaths = (id: string) => {
  const base = `/sessions/${encodeURIComponent(id)}`;
  return {
    overview: `${base}/overview`,
    steps: `${base}/steps`,
    playbackLink: `${base}/playback/link`,
    frame: (frameId: string) => `${base}/frames/${encodeURIComponent(frameId)}`,
    frameImage: (frameId: string) => `${base}/frames/${encodeURIComponent(frameId)}/image`,
  };
};

/** What index.html's inline script sent before the bundle loaded (a cold open of a session page). */
interface EarlyRequest {
  path: string;
  response: Promise<Response>;
}

/** The early request for `path`, once: a later visit to the page asks again. */
function takeEarly(path: string): Promise<Response> | null {
  const w = window as { __csEarly?: EarlyRequest };
  const early = w.__csEarly;
  delete w.__csEarly;
  return early?.path === path ? early.response : null;
}

/**
 * Starts the session page's requests without waiting for React to draw: the overview (already under way when
 * index.html sent it early), then as soon as it answers — not after the page has drawn it — the first frame's
 * ARIA tree, and once that is in, the steps, the playback link and the first frame's full picture (the
 * thumbnail stands in until then). The tree goes first and alone: it is small, it is what is read, and on a slow
 * link or a busy server it should not wait behind a large PNG or the steps' work.
 */
export function prefetchSessionPage(id: string): void {
  const paths = sessionPaths(id);
  const overview = prefetch(paths.overview, () => {
    const early = takeEarly(paths.overview);
    return early ? apiResponse<SessionOverview>(early) : api<SessionOverview>(paths.overview);
  });
  overview?.then(
    (session) => {
      const first = session.frames[0];
      const rest = () => {
        if (session.status === 'complete') {
          prefetch(paths.steps, () => api(paths.steps));
          prefetch(paths.playbackLink, () => api(paths.playbackLink));
        }
        if (first) prefetch(paths.frameImage(first.id), () => apiBlob(paths.frameImage(first.id)));
      };
      const tree = first ? prefetch(paths.frame(first.id), () => api(paths.frame(first.id))) : null;
      if (tree) tree.then(rest, rest);
      else rest();
    },
    () => {}, // the page shows the error when it takes the overview
  );
}
