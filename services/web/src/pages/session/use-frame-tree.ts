import { useEffect, useState } from 'react';
import type { AriaNode, Frame } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { takeOrAsk } from '../../lib/prefetch';
import { sessionPaths } from './prefetch';

// Trees already fetched, by frame id (a frame never changes once stored): stepping back shows them at once.
const trees = new Map<string, AriaNode[]>();
const KEPT = 200;

export interface FrameTree {
  tree: AriaNode[] | null;
  error: string | null;
}

/**
 * One frame's ARIA tree, from GET /sessions/:id/frames/:frameId: the page first shows the session from its
 * overview (frames without trees) and fetches only the selected frame's tree, then the next one's ahead of time.
 * The first frame's is usually under way already (prefetchSessionPage asks for it as soon as the overview answers).
 */
export function useFrameTree(sessionId: string, frameId: string, nextFrameId?: string): FrameTree {
  const [state, setState] = useState<FrameTree & { frameId: string }>(() => ({ frameId, tree: trees.get(frameId) ?? null, error: null }));
  useEffect(() => {
    const ctrl = new AbortController();
    const load = (id: string) => {
      const known = trees.get(id);
      if (known) return Promise.resolve(known);
      const path = sessionPaths(sessionId).frame(id);
      return takeOrAsk(path, () => api<Frame>(path, { signal: ctrl.signal })).then((f) => {
        if (trees.size >= KEPT) trees.delete(trees.keys().next().value!);
        trees.set(id, f.ariaTree);
        return f.ariaTree;
      });
    };
    setState({ frameId, tree: trees.get(frameId) ?? null, error: null });
    load(frameId)
      .then((tree) => {
        if (ctrl.signal.aborted) return;
        setState({ frameId, tree, error: null });
        if (nextFrameId) load(nextFrameId).catch(() => {}); // ahead of the next arrow key; its failure shows there
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setState({ frameId, tree: null, error: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [sessionId, frameId, nextFrameId]);
  // Until the effect has caught up with a newly selected frame, the last one's tree is not this frame's.
  return state.frameId === frameId ? { tree: state.tree, error: state.error } : { tree: trees.get(frameId) ?? null, error: null };
}
