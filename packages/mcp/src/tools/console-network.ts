import * as z from 'zod';
import type { StatusResponse } from '@claude-scope/contracts';
import { read, routes } from '../api.js';
import { SessionIdArg, StepArg } from '../schemas.js';
import { apiFailure, ok, processingResult } from '../results.js';
import { READ_ONLY, type RegisterTool } from './context.js';

/**
 * The Playwright lane logs console errors and failed requests per step (services/worker/src/playwright/page-log.ts)
 * into the session's stored analysis, which only the rendered prompt shows: no REST route returns them as data.
 * This tool says so rather than guess, and returns the lane-level errors the status route does expose.
 */
export const registerConsoleAndNetwork: RegisterTool = (server, { api }) => {
  server.registerTool(
    'get_console_and_network',
    {
      title: 'Console errors and failed requests',
      description:
        'Page errors seen while the recording was replayed in a browser. The API exposes the browser lane\'s errors (e.g. a page that ' +
        'could not be opened); per-step console errors and failed requests appear only inside the prompt (get_prompt), so this tool says ' +
        'where to find them instead of returning them as data.',
      inputSchema: z.object({ sessionId: SessionIdArg, step: StepArg.optional() }),
      outputSchema: z.object({
        sessionId: z.string(),
        perStepAvailable: z.boolean(),
        laneErrors: z.array(z.object({ lane: z.string(), error: z.string() })),
        lastError: z.string().nullable(),
        note: z.string(),
      }),
      annotations: READ_ONLY,
    },
    async ({ sessionId, step }) => {
      const res = read<StatusResponse>(await routes.status(api, sessionId));
      if (!res.ok) return apiFailure(res.error, sessionId);
      if (res.data.sessionStatus === 'processing') return processingResult(api, sessionId);
      const ps = res.data.processingStatus;
      const laneErrors = ps
        ? (
            [
              ['video', ps.videoLane],
              ['playwright', ps.playwrightLane],
              ['synthesis', ps.synthesis],
            ] as const
          ).flatMap(([lane, l]) => (l.error ? [{ lane, error: l.error }] : []))
        : [];
      const note =
        `Per-step console errors and failed requests are not exposed by the API as data${step ? ` (so none for step ${step} here)` : ''}: ` +
        `the prompt lists them under each step — call get_prompt {"sessionId":"${sessionId}"} and look for "Console errors" and "Failed requests".`;
      const text = [
        laneErrors.length ? laneErrors.map((e) => `${e.lane} lane error: ${e.error}`).join('\n') : 'No lane reported an error.',
        ...(res.data.lastError ? [`Session error: ${res.data.lastError}`] : []),
        note,
      ].join('\n');
      return ok(text, { sessionId, perStepAvailable: false, laneErrors, lastError: res.data.lastError, note });
    },
  );
};
