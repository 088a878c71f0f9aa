import { useMemo } from 'react';
import type { FrameSummary, SessionStep, SessionStepsResponse } from '@claude-scope/contracts';
import { useApi } from '../../lib/use-api';
import { sessionPaths } from './prefetch';

export interface Steps {
  /** The step a frame shows (by frame id; by position when the step has no frame id). */
  of: (frame: FrameSummary, index: number) => SessionStep | undefined;
  loading: boolean;
  /** Why there are no steps: a session still processing or failed has no stored analysis (409). */
  error: string | null;
}

/**
 * What happened at each frame — the action in words, what changed, console errors and failed requests —
 * from GET /sessions/:id/steps. Asked for only once the session is complete: before, there is no analysis.
 */
export function useSteps(sessionId: string, complete: boolean): Steps {
  const { data, loading, error } = useApi<SessionStepsResponse>(complete ? sessionPaths(sessionId).steps : null);
  return useMemo(() => {
    const steps = data?.steps ?? [];
    const byId = new Map(steps.flatMap((s) => (s.frameId ? [[s.frameId, s] as const] : [])));
    return {
      of: (frame, index) => byId.get(frame.id) ?? (steps[index]?.frameId === null ? steps[index] : undefined),
      loading: complete && loading,
      error: complete ? error : null,
    };
  }, [data, loading, error, complete]);
}
