import * as z from 'zod';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { describeChanges } from '@claude-scope/aria';
import { AriaNode, DiffSummary, SessionIdArg, StepArg } from '../schemas.js';
import { fitTree, PART_MAX_CHARS, pruneToMarked, renderTree, truncateText } from '../budget.js';
import { isResult, loadSession, ok, stepOf } from '../results.js';
import { READ_ONLY, type RegisterTool } from './context.js';

/** A thumbnail (≤ 640 px PNG) bigger than this is left out and the full-image route named instead. */
export const MAX_IMAGE_BASE64_CHARS = 300_000;

export const registerGetFrame: RegisterTool = (server, { api }) => {
  server.registerTool(
    'get_frame',
    {
      title: 'One step',
      description:
        'One step of a recording: its screenshot (thumbnail image), what changed in words, and its ARIA diff against the step before ' +
        '(only the added, changed and removed nodes with the ancestors that locate them).',
      inputSchema: z.object({ sessionId: SessionIdArg, step: StepArg }),
      outputSchema: z.object({
        sessionId: z.string(),
        step: z.number(),
        totalSteps: z.number(),
        frameId: z.string(),
        timeMs: z.number(),
        url: z.string(),
        diffSummary: DiffSummary,
        description: z.string(),
        changes: z.array(z.string()),
        diff: z.array(AriaNode),
        diffTruncated: z.boolean(),
        imageIncluded: z.boolean(),
        fullImagePath: z.string(),
        note: z.string().nullable(),
      }),
      annotations: READ_ONLY,
    },
    async ({ sessionId, step }) => {
      const session = await loadSession(api, sessionId);
      if (isResult(session)) return session;
      const frame = stepOf(session, step);
      if (isResult(frame)) return frame;
      const changes = describeChanges(frame.ariaTree);
      const shown = changes.slice(0, 50).map((c) => truncateText(c, 300).text);
      const fitted = fitTree(pruneToMarked(frame.ariaTree), 30, PART_MAX_CHARS / 2);
      const fullImagePath = `/api/sessions/${session.id}/frames/${frame.id}/image`;
      const image = /^data:image\/png;base64,(.+)$/.exec(frame.thumbnailUrl)?.[1];
      const imageIncluded = !!image && image.length <= MAX_IMAGE_BASE64_CHARS;
      const notes = [
        ...(fitted.truncated ? [`The diff is cut at depth ${fitted.depth} to fit; get_aria_snapshot with maxDepth shows a subtree's detail.`] : []),
        ...(changes.length > shown.length ? [`${changes.length - shown.length} more change sentence(s) left out.`] : []),
        ...(!imageIncluded ? [`No thumbnail in this answer${image ? ' (too large)' : ''}; the full-resolution PNG is at GET ${fullImagePath} (claude-scope frames ${session.id}).`] : []),
      ];
      const description = step === 1 ? 'First state of the recording.' : shown.length ? shown.join('; ') : 'No change in the accessibility tree.';
      const structured = {
        sessionId: session.id,
        step,
        totalSteps: session.frames.length,
        frameId: frame.id,
        timeMs: frame.timestamp,
        url: frame.url,
        diffSummary: frame.diffSummary,
        description,
        changes: shown,
        diff: fitted.tree,
        diffTruncated: fitted.truncated,
        imageIncluded,
        fullImagePath,
        note: notes.length ? notes.join(' ') : null,
      };
      const text = [
        `Step ${step} of ${session.frames.length} @ ${(frame.timestamp / 1000).toFixed(1)} s — ${frame.url}`,
        `Changes (+${frame.diffSummary.added} ~${frame.diffSummary.changed} -${frame.diffSummary.removed}): ${description}`,
        ...(fitted.tree.length ? ['ARIA diff (marked nodes and their ancestors):', ...renderTree(fitted.tree)] : []),
        ...notes,
      ].join('\n');
      const result = ok(truncateText(text, PART_MAX_CHARS).text, structured) as CallToolResult;
      if (imageIncluded) result.content.push({ type: 'image', data: image!, mimeType: 'image/png' });
      return result;
    },
  );
};
