import * as z from 'zod';
import type { PromptResponse, StatusResponse } from '@claude-scope/contracts';
import { read, routes } from '../api.js';
import { AgentArg, SessionIdArg } from '../schemas.js';
import { PART_MAX_CHARS, truncateText } from '../budget.js';
import { apiFailure, ok, processingResult } from '../results.js';
import { READ_ONLY, type RegisterTool } from './context.js';

export const registerGetPrompt: RegisterTool = (server, { api }) => {
  server.registerTool(
    'get_prompt',
    {
      title: 'Agent-ready prompt',
      description:
        'The full agent-ready write-up of a recording (steps, actions, changes, console errors, failed requests) in one agent\'s format: ' +
        'CLAUDE_CODE, CODEX, CURSOR or RAW (default: the recording\'s own). Large: prefer get_timeline/get_frame for specific steps. ' +
        `Cut at maxChars (at most ${PART_MAX_CHARS}) with a note.`,
      inputSchema: z.object({
        sessionId: SessionIdArg,
        agent: AgentArg.optional(),
        maxChars: z.number().int().min(1000).max(PART_MAX_CHARS).default(40_000),
      }),
      outputSchema: z.object({
        sessionId: z.string(),
        agentTarget: z.string(),
        totalChars: z.number(),
        truncated: z.boolean(),
      }),
      annotations: READ_ONLY,
    },
    async ({ sessionId, agent, maxChars }) => {
      const status = read<StatusResponse>(await routes.status(api, sessionId));
      if (!status.ok) return apiFailure(status.error, sessionId);
      if (status.data.sessionStatus === 'processing') return processingResult(api, sessionId);
      const res = read<PromptResponse>(await routes.prompt(api, sessionId, agent));
      if (!res.ok) return apiFailure(res.error, sessionId);
      const { prompt, agentTarget } = res.data;
      if (!prompt) {
        const why = status.data.lastError ? `processing failed: ${status.data.lastError}` : 'it was created without a recording';
        return ok(`This recording has no prompt (${why}).`, { sessionId, agentTarget, totalChars: 0, truncated: false });
      }
      const cut = truncateText(prompt, maxChars);
      const text = cut.truncated ? `${cut.text}\n\n[Cut at ${maxChars} of ${prompt.length} characters: use get_timeline/get_frame for the rest.]` : cut.text;
      // The prompt itself travels once, as text; the structured part describes it.
      return ok(text, { sessionId: res.data.sessionId, agentTarget, totalChars: prompt.length, truncated: cut.truncated });
    },
  );
};
