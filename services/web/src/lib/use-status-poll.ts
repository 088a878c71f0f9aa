import { useEffect, useState } from 'react';
import type { StatusResponse } from '@claude-scope/contracts';
import { api } from '../api/client';
import { ApiError, errorMessage } from '../api/errors';

export const POLL_INTERVAL_MS = 2500;

/**
 * Polls GET /sessions/:id/status every 2.5 s (API.md asks for 2–3 s) until the session is complete or
 * failed. A failed poll is retried on the next tick: a blip must not end the progress view.
 */
export function useStatusPoll(sessionId: string | null): { status: StatusResponse | null; pollError: string | null } {
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);

  useEffect(() => {
    setStatus(null);
    setPollError(null);
    if (!sessionId) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const s = await api<StatusResponse>(`/sessions/${sessionId}/status`, { signal: ctrl.signal });
        setStatus(s);
        setPollError(null);
        if (s.sessionStatus !== 'processing') return;
      } catch (err) {
        if (ctrl.signal.aborted) return;
        setPollError(errorMessage(err));
        if (err instanceof ApiError && (err.status === 401 || err.status === 404)) return; // signed out or deleted: stop
      }
      timer = setTimeout(tick, POLL_INTERVAL_MS);
    };
    void tick();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [sessionId]);

  return { status, pollError };
}
