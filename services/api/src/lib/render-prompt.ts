import type { AgentTarget } from '@claude-scope/contracts';
import { getSettings, type Database, type SessionRow } from '@claude-scope/db';
import { promptOptions, render, type Analysis } from '@claude-scope/prompt';
import { HttpError } from './errors.js';

/**
 * Renders a session's prompt for `agentTarget` from its stored analysis, with the account's current
 * settings (settings apply to every prompt rendered after they change). Null when the session has no
 * analysis: made with POST /sessions, still processing, or failed. The session's current title and notes
 * win over the ones stored with the analysis, so a renamed session's prompt carries its new name.
 */
export async function renderStoredPrompt(
  db: Database,
  row: SessionRow,
  agentTarget: AgentTarget,
  maxChars: number,
): Promise<string | null> {
  if (!row.analysis) return null;
  const settings = await getSettings(db, row.userId);
  const analysis = { ...(row.analysis as Analysis), title: row.title, notes: row.notes };
  return render(analysis, promptOptions(settings, maxChars), agentTarget);
}

export const noAnalysis = () =>
  new HttpError(
    409,
    'this session has no analysis to render another prompt from (it is still processing, failed, or was created without a recording)',
  );
