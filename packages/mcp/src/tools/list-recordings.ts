import * as z from 'zod';
import type { Session } from '@claude-scope/contracts';
import { nextCursor } from '@claude-scope/sdk';
import { read, routes } from '../api.js';
import { RecordingSummary } from '../schemas.js';
import { apiFailure, ok } from '../results.js';
import { READ_ONLY, type RegisterTool } from './context.js';

export function summarize(s: Session): z.infer<typeof RecordingSummary> {
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    seedUrl: s.seedUrl,
    agentTarget: s.agentTarget,
    stepCount: s.frameCount,
    urlCount: s.urlCount,
    durationSeconds: s.duration,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export const registerListRecordings: RegisterTool = (server, { api }) => {
  server.registerTool(
    'list_recordings',
    {
      title: 'List recordings',
      description:
        'List your Claude Scope recordings (browser sessions turned into ARIA trees, diffs and prompts), most recently updated first. ' +
        'Filter by status or title text; page with the returned nextCursor. Then call get_recording with an id.',
      inputSchema: z.object({
        status: z.enum(['processing', 'complete', 'error']).optional(),
        q: z.string().max(500).optional().describe('Text the title contains (case-insensitive)'),
        limit: z.number().int().min(1).max(100).default(20),
        cursor: z.string().max(200).optional().describe('nextCursor from the previous page'),
      }),
      outputSchema: z.object({ recordings: z.array(RecordingSummary), nextCursor: z.string().nullable() }),
      annotations: READ_ONLY,
    },
    async ({ status, q, limit, cursor }) => {
      const res = read<Session[]>(await routes.list(api, { status, q, limit, cursor }));
      if (!res.ok) return apiFailure(res.error);
      const recordings = res.data.map(summarize);
      const next = nextCursor(res.headers.get('link'));
      const lines = recordings.map((r) => `${r.id}  ${r.status.padEnd(10)} ${r.stepCount} steps  ${r.updatedAt}  ${JSON.stringify(r.title)}`);
      const text = [
        recordings.length ? `${recordings.length} recording(s):` : 'No recordings match.',
        ...lines,
        next ? `More: call list_recordings again with cursor "${next}".` : 'No more pages.',
      ].join('\n');
      return ok(text, { recordings, nextCursor: next });
    },
  );
};
