import { useEffect, useState } from 'react';
import type { AriaNode, Frame } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';

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
 */
export function useFrameTree(sessionId: string, frameId: string, nextFrameId?: string): FrameTree {
  const [state, setState] = useState<FrameTree>(() => ({ tree: trees.get(frameId) ?? null, error: null }));
  useEffect(() => {
    const ctrl = new AbortController();
    const load = (id: string) => {
      const known = trees.get(id);
      if (known) return Promise.resolve(known);
      return api<Frame>(`/sessions/${encodeURIComponent(sessionId)}/frames/${encodeURIComponent(id)}`, { signal: ctrl.signal }).then((f) => {
        if (trees.size >= KEPT) trees.delete(trees.keys().next().value!);
        trees.set(id, f.ariaTree);
        return f.ariaTree;
      });
    };
    setState({ tree: trees.get(frameId) ?? null, error: null });
    load(frameId)
      .then((tree) => {
        if (ctrl.signal.aborted) return;
        setState({ tree, error: null });
        if (nextFrameId) load(nextFrameId).catch(() => {}); // ahead of the next arrow key; its failure shows there
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setState({ tree: null, error: errorMessage(err) });
      });
    return () => ctrl.abort();
  }, [sessionId, frameId, nextFrameId]);
  return state;
}
