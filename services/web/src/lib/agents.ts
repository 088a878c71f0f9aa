import type { AgentTarget } from '@claude-scope/contracts';

/** Mirrors AGENT_TARGETS without importing values from contracts (that would bundle typebox). */
export const AGENTS = [
  { id: 'CLAUDE_CODE', label: 'Claude Code' },
  { id: 'CODEX', label: 'Codex' },
  { id: 'CURSOR', label: 'Cursor' },
  { id: 'RAW', label: 'Raw' },
] as const satisfies readonly { id: AgentTarget; label: string }[];

export const agentLabel = (id: AgentTarget) => AGENTS.find((a) => a.id === id)?.label ?? id;

/** Minutes an account may record (API.md: maxRecordingLength). */
export const MAX_RECORDING_LENGTHS = [5, 10, 15, 30] as const;
