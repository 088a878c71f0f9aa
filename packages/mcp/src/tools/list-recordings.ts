import * as z from 'zod';
import { SESSION_SORT_FIELDS, SORT_ORDERS, type Session } from '@claude-scope/contracts';
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
        'List your Claude Scope recordings (browser sessions turned into ARIA trees, diffs and prompts), most recently updated first unless sort/order say otherwise. ' +
        'Filter by status or title text; page with the returned nextCursor, passing the same sort and order. Then call get_recording with an id.',
      inputSchema: z.object({
        status: z.enum(['processing', 'complete', 'error']).optional(),
        q: z.string().max(500).optional().describe('Text the title contains (case-insensitive)'),
        limit: z.number().int().min(1).max(100).default(20),
        // A sorted cursor carries the sort's last value (a title up to 500 code points), hence the contract's bound.
        cursor: z.string().max(4200).optional().describe('nextCursor from the previous page (same sort and order)'),
        sort: z.enum(SESSION_SORT_FIELDS).optional().describe('Field to order by; default updatedAt'),
        order: z.enum(SORT_ORDERS).optional().describe('asc or desc; default desc for times and numbers, asc for title, agentTarget, status'),
      }),
      outputSchema: z.object({ recordings: z.array(RecordingSummary), nextCursor: z.string().nullable() }),
      annotations: READ_ONLY,
    },
    async ({ status, q, limit, cursor, sort, order }) => {
      const res = read<Session[]>(await routes.list(api, { status, q, limit, cursor, sort, order }));
      if (!res.ok) return apiFailure(res.error);
      const recordings = res.data.map(summarize);
      const next = nextCursor(res.headers.get('link'));
      const lines = recordings.map((r) => `${r.id}  ${r.status.padEnd(10)} ${r.stepCount} steps  ${r.updatedAt}  ${JSON.stringify(r.title)}`);
      const text = [
        recordings.length ? `${recordings.length} recording(s):` : 'No recordings match.',
        ...lines,
        next ? `More: call list_recordings again with cursor "${next}"${sortHint(sort, order)}.` : 'No more pages.',
      ].join('\n');
      return ok(text, { recordings, nextCursor: next });
    },
  );
};

/** The next page must ask for the same order the cursor was written in (the API refuses a cursor of another sort). */
function sortHint(sort: string | undefined, order: string | undefined): string {
  const parts = [...(sort ? [`sort "${sort}"`] : []), ...(order ? [`order "${order}"`] : [])];
  return parts.length ? ` and the same ${parts.join(' and ')}` : '';
}
