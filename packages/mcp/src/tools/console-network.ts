import * as z from 'zod';
import type { SessionStepsResponse, StatusResponse } from '@claude-scope/contracts';
import { read, routes } from '../api.js';
import { PART_MAX_CHARS, size, truncateText } from '../budget.js';
import { SessionIdArg, StepArg } from '../schemas.js';
import { apiFailure, ok, processingResult } from '../results.js';
import { READ_ONLY, type RegisterTool } from './context.js';

// One console message or URL is page text: long ones are cut so one step cannot fill the whole result.
const MAX_ITEM_CHARS = 600;

const StepLog = z.object({
  step: z.number(),
  timeMs: z.number(),
  url: z.string(),
  action: z.string().nullable(),
  failure: z.string().nullable(),
  consoleErrors: z.array(z.string()),
  failedRequests: z.array(z.object({ method: z.string(), url: z.string(), status: z.number().optional(), error: z.string().optional() })),
});
type StepLog = z.infer<typeof StepLog>;

/**
 * What the browser logged per step while the Playwright lane replayed the recording (GET /sessions/:id/steps):
 * console errors, failed requests and a replayed action that failed, with the lanes' own errors. Steps with
 * nothing logged are left out unless one step is asked for; the result is trimmed to the size budget, saying so.
 */
export const registerConsoleAndNetwork: RegisterTool = (server, { api }) => {
  server.registerTool(
    'get_console_and_network',
    {
      title: 'Console errors and failed requests',
      description:
        'Page errors per step, as logged by the real browser that replayed the recording: console errors, failed network requests ' +
        '(method, URL, status) and any replayed action that failed, plus the lanes\' own errors (e.g. a page that could not be opened). ' +
        'Without `step`, only the steps that logged something are listed.',
      inputSchema: z.object({ sessionId: SessionIdArg, step: StepArg.optional() }),
      outputSchema: z.object({
        sessionId: z.string(),
        totalSteps: z.number(),
        steps: z.array(StepLog),
        laneErrors: z.array(z.object({ lane: z.string(), error: z.string() })),
        lastError: z.string().nullable(),
        note: z.string().nullable(),
      }),
      annotations: READ_ONLY,
    },
    async ({ sessionId, step }) => {
      const status = read<StatusResponse>(await routes.status(api, sessionId));
      if (!status.ok) return apiFailure(status.error, sessionId);
      if (status.data.sessionStatus === 'processing') return processingResult(api, sessionId);
      const ps = status.data.processingStatus;
      const laneErrors = ps
        ? (
            [
              ['video', ps.videoLane],
              ['playwright', ps.playwrightLane],
              ['vision', ps.visionLane],
              ['synthesis', ps.synthesis],
            ] as const
          ).flatMap(([lane, l]) => (l.error ? [{ lane, error: l.error }] : []))
        : [];
      const res = read<SessionStepsResponse>(await routes.steps(api, sessionId));
      // 409: a failed session (or one made without a recording) has no analysis: the lane errors are all there is.
      if (!res.ok && res.status !== 409) return apiFailure(res.error, sessionId);
      const all = res.ok ? res.data.steps : [];
      if (step !== undefined && step > all.length) {
        return ok(`Step ${step} does not exist: the recording has ${all.length} steps.`, { sessionId, totalSteps: all.length, steps: [], laneErrors, lastError: status.data.lastError, note: `step ${step} is out of range` });
      }
      const cut = (s: string) => truncateText(s, MAX_ITEM_CHARS).text;
      const picked: StepLog[] = all
        .filter((s) => (step !== undefined ? s.index === step : s.consoleErrors.length > 0 || s.failedRequests.length > 0 || s.failure !== null))
        .map((s) => ({
          step: s.index,
          timeMs: s.timestamp,
          url: s.url,
          action: s.action,
          failure: s.failure,
          consoleErrors: s.consoleErrors.map(cut),
          failedRequests: s.failedRequests.map((r) => ({ ...r, url: cut(r.url) })),
        }));
      let note: string | null = res.ok ? null : 'This session has no per-step analysis (it failed or was made without a recording); only the lanes\' errors are shown.';
      const steps: StepLog[] = [];
      for (const s of picked) {
        if (size(steps) + size(s) > PART_MAX_CHARS) {
          note = `Trimmed to fit the size limit: ${picked.length - steps.length} more step(s) with errors left out (ask for one with \`step\`).`;
          break;
        }
        steps.push(s);
      }
      const lines = [
        laneErrors.length ? laneErrors.map((e) => `${e.lane} lane error: ${e.error}`).join('\n') : 'No lane reported an error.',
        ...(status.data.lastError ? [`Session error: ${status.data.lastError}`] : []),
        ...(res.ok && steps.every((s) => !s.consoleErrors.length && !s.failedRequests.length && !s.failure)
          ? [step !== undefined ? `Step ${step} logged no console error or failed request.` : 'No step logged a console error or failed request.']
          : []),
        ...steps.flatMap((s) => [
          `Step ${s.step} (${(s.timeMs / 1000).toFixed(1)} s, ${s.url})${s.action ? ` after: ${s.action}` : ''}`,
          ...(s.failure ? [`  replayed action failed: ${s.failure}`] : []),
          ...s.consoleErrors.map((e) => `  console error: ${e}`),
          ...s.failedRequests.map((r) => `  failed request: ${r.method} ${r.url}${r.status !== undefined ? ` → ${r.status}` : ''}${r.error ? ` (${r.error})` : ''}`),
        ]),
        ...(note ? [note] : []),
      ];
      return ok(lines.join('\n'), { sessionId, totalSteps: all.length, steps, laneErrors, lastError: status.data.lastError, note });
    },
  );
};
