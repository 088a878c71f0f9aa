import * as z from 'zod';
import type { SessionWithFrames, StatusResponse } from '@claude-scope/contracts';
import { read, routes } from '../api.js';
import { ProcessingStatus, SessionIdArg } from '../schemas.js';
import { apiFailure, laneLines, ok, RETRY_AFTER_SECONDS } from '../results.js';
import { READ_ONLY, type RegisterTool } from './context.js';

const MAX_URLS = 100;

export const registerGetRecording: RegisterTool = (server, { api }) => {
  server.registerTool(
    'get_recording',
    {
      title: 'Recording overview',
      description:
        'Overview of one recording: title, the reporter\'s notes, status of each processing lane, visited URLs, errors, step count, ' +
        'and which tools to call next. Start here; it is small. While processing, it says when to ask again.',
      inputSchema: z.object({ sessionId: SessionIdArg }),
      outputSchema: z.object({
        id: z.string(),
        title: z.string(),
        notes: z.string().nullable(),
        status: z.string(),
        seedUrl: z.string().nullable(),
        agentTarget: z.string(),
        urls: z.array(z.string()),
        urlCount: z.number(),
        stepCount: z.number(),
        durationSeconds: z.number(),
        processingStatus: ProcessingStatus.nullable(),
        errors: z.array(z.string()),
        retryAfterSeconds: z.number().nullable(),
        next: z.array(z.string()),
        createdAt: z.string(),
        updatedAt: z.string(),
      }),
      annotations: READ_ONLY,
    },
    async ({ sessionId }) => {
      const [res, status] = await Promise.all([
        routes.session(api, sessionId).then((r) => read<SessionWithFrames>(r)),
        routes.status(api, sessionId).then((r) => read<StatusResponse>(r)),
      ]);
      if (!res.ok) return apiFailure(res.error, sessionId);
      if (!status.ok) return apiFailure(status.error, sessionId);
      const s = res.data;
      const ps = status.data.processingStatus;
      const errors = [
        ...(s.lastError ? [s.lastError] : []),
        ...(ps ? [ps.videoLane, ps.playwrightLane, ps.visionLane, ps.synthesis].flatMap((l) => (l.error && l.error !== s.lastError ? [l.error] : [])) : []),
      ];
      const processing = s.status === 'processing';
      const steps = s.frames.length;
      const next = processing
        ? [`get_recording again in ${RETRY_AFTER_SECONDS} s`]
        : steps
          ? [
              `get_timeline {"sessionId":"${s.id}"} for the ${steps} steps and what changed at each`,
              `get_frame {"sessionId":"${s.id}","step":N} for one step's screenshot and ARIA diff`,
              `get_aria_diff {"sessionId":"${s.id}","fromStep":1,"toStep":${steps}} for everything that changed`,
              `get_console_and_network {"sessionId":"${s.id}"} for page errors`,
              `get_prompt {"sessionId":"${s.id}"} for the full agent-ready write-up`,
            ]
          : [`get_prompt {"sessionId":"${s.id}"} (no steps were captured)`];
      const urls = s.urls.slice(0, MAX_URLS);
      const structured = {
        id: s.id,
        title: s.title,
        notes: s.notes,
        status: s.status,
        seedUrl: s.seedUrl,
        agentTarget: s.agentTarget,
        urls,
        urlCount: s.urls.length,
        stepCount: steps,
        durationSeconds: s.duration,
        processingStatus: ps,
        errors,
        retryAfterSeconds: processing ? RETRY_AFTER_SECONDS : null,
        next,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
      };
      const text = [
        `${s.id}: ${JSON.stringify(s.title)} (${s.status}, ${steps} steps, ${s.duration.toFixed(1)} s)`,
        ...(s.notes ? [`Notes from the reporter: ${s.notes}`] : []),
        `Seed URL: ${s.seedUrl ?? '—'}`,
        `URLs visited (${s.urls.length}${s.urls.length > MAX_URLS ? `, first ${MAX_URLS} shown` : ''}): ${urls.join(', ') || '—'}`,
        ...laneLines(ps),
        ...(errors.length ? [`Errors: ${errors.join(' | ')}`] : []),
        processing ? `Still processing: ask again in ${RETRY_AFTER_SECONDS} seconds.` : 'Next:',
        ...(processing ? [] : next.map((n) => `- ${n}`)),
      ].join('\n');
      return ok(text, structured);
    },
  );
};
