import * as z from 'zod';
import { describeChanges } from '@claude-scope/aria';
import { DiffSummary, SessionIdArg } from '../schemas.js';
import { PART_MAX_CHARS, size, truncateText } from '../budget.js';
import { isResult, loadSession, ok } from '../results.js';
import { READ_ONLY, type RegisterTool } from './context.js';

const MAX_CHANGES_PER_STEP = 8;

const Step = z.object({
  step: z.number(),
  frameId: z.string(),
  timeMs: z.number(),
  url: z.string(),
  urlChanged: z.boolean(),
  diffSummary: DiffSummary,
  changes: z.array(z.string()),
  moreChanges: z.number(),
});

export const registerGetTimeline: RegisterTool = (server, { api }) => {
  server.registerTool(
    'get_timeline',
    {
      title: 'Recording timeline',
      description:
        'The steps of a recording in time order: time (ms into the video), URL, and what changed in the page\'s accessibility tree at each ' +
        '(one sentence per change). Narrow with fromMs/toMs, page with limit and startStep (nextStep). The user\'s own actions per step are ' +
        'not exposed by the API: get_prompt describes them.',
      inputSchema: z.object({
        sessionId: SessionIdArg,
        fromMs: z.number().int().min(0).optional().describe('Only steps at or after this time (ms)'),
        toMs: z.number().int().min(0).optional().describe('Only steps at or before this time (ms)'),
        startStep: z.number().int().min(1).default(1).describe('First step to return (nextStep of the previous page)'),
        limit: z.number().int().min(1).max(200).default(50),
      }),
      outputSchema: z.object({
        sessionId: z.string(),
        totalSteps: z.number(),
        steps: z.array(Step),
        nextStep: z.number().nullable(),
        note: z.string().nullable(),
      }),
      annotations: READ_ONLY,
    },
    async ({ sessionId, fromMs, toMs, startStep, limit }) => {
      const session = await loadSession(api, sessionId);
      if (isResult(session)) return session;
      const all = session.frames.map((f, i) => {
        const changes = describeChanges(f.ariaTree);
        const prev = session.frames[i - 1];
        return {
          step: i + 1,
          frameId: f.id,
          timeMs: f.timestamp,
          url: f.url,
          urlChanged: prev !== undefined && prev.url !== f.url,
          diffSummary: f.diffSummary,
          changes: changes.slice(0, MAX_CHANGES_PER_STEP).map((c) => truncateText(c, 300).text),
          moreChanges: Math.max(0, changes.length - MAX_CHANGES_PER_STEP),
        };
      });
      const inWindow = all.filter((s) => s.step >= startStep && (fromMs === undefined || s.timeMs >= fromMs) && (toMs === undefined || s.timeMs <= toMs));
      const steps = inWindow.slice(0, limit);
      // Fit the budget by returning fewer steps: the rest is one call away.
      while (steps.length > 1 && size(steps) > PART_MAX_CHARS / 2) steps.pop();
      const rest = inWindow.length - steps.length;
      const nextStep = rest > 0 ? steps[steps.length - 1]!.step + 1 : null;
      const note = rest > 0 ? `${rest} more step(s) in this window: call get_timeline with startStep ${nextStep}.` : null;
      const lines = steps.map((s) => {
        const head = `Step ${s.step} @ ${(s.timeMs / 1000).toFixed(1)} s  ${s.url}${s.urlChanged ? '  (navigated)' : ''}  +${s.diffSummary.added} ~${s.diffSummary.changed} -${s.diffSummary.removed}`;
        const changes = s.changes.map((c) => `    ${c}`);
        if (s.moreChanges) changes.push(`    … and ${s.moreChanges} more (get_frame for all)`);
        return [head, ...(s.step === 1 && !s.changes.length ? ['    (first state)'] : changes)].join('\n');
      });
      const text = [
        `${session.id}: ${all.length} step(s)${inWindow.length !== all.length ? `, ${inWindow.length} in the window asked for` : ''}.`,
        ...lines,
        ...(note ? [note] : []),
        'Details: get_frame for one step (screenshot + ARIA diff), get_aria_snapshot for its whole tree.',
      ].join('\n');
      return ok(text, { sessionId: session.id, totalSteps: all.length, steps, nextStep, note });
    },
  );
};
