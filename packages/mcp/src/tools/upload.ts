import * as z from 'zod';
import { AgentArg } from '../schemas.js';
import { fail, ok } from '../results.js';
import type { RegisterTool } from './context.js';

/** Over stdio only (the CLI passes its uploader): the path is a file on the machine the agent runs on. */
export const registerUpload: RegisterTool = (server, { upload }) => {
  if (!upload) return;
  server.registerTool(
    'upload_recording',
    {
      title: 'Upload a recording',
      description:
        'Upload a local screen recording (.webm, .mp4 or .mkv) of a browser session with the URL it starts from; Claude Scope extracts ' +
        'the steps, captures the page\'s ARIA tree at each and writes a prompt. Waits for processing (up to about 45 s) unless wait is false; then ' +
        'read it with get_recording.',
      inputSchema: z.object({
        path: z.string().min(1).describe('Path of the video file on this machine'),
        seedUrl: z.string().url().describe('The URL the recording starts from (http or https)'),
        title: z.string().min(1).max(500).optional().describe('Default: the file name'),
        notes: z.string().max(2000).optional().describe('What the user expected and what went wrong'),
        agent: AgentArg.optional(),
        timelinePath: z.string().optional().describe('A JSON file of timeline events (what the user did, with t in ms)'),
        wait: z.boolean().default(true),
      }),
      outputSchema: z.object({ sessionId: z.string(), status: z.string(), lastError: z.string().nullable() }),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ path, seedUrl, title, notes, agent, timelinePath, wait }) => {
      try {
        const out = await upload({ path, seedUrl, title, notes, agentTarget: agent, timelinePath, wait });
        const text =
          out.status === 'complete'
            ? `Uploaded and processed: ${out.sessionId}. Next: get_recording {"sessionId":"${out.sessionId}"}.`
            : out.status === 'error'
              ? `Uploaded as ${out.sessionId}, but processing failed: ${out.lastError ?? 'unknown error'}.`
              : `Uploaded as ${out.sessionId}; still processing. Call get_recording {"sessionId":"${out.sessionId}"} in a few seconds.`;
        return ok(text, { ...out });
      } catch (err) {
        return fail(`Upload failed: ${err instanceof Error ? err.message : String(err)}`, { error: 'upload_failed' });
      }
    },
  );
};
