import type { AgentTarget } from '@claude-scope/contracts';
import { DEFAULT_MAX_CHARS, type Analysis, type PromptOptions } from './analysis.js';
import { fit } from './budget.js';
import { buildModel } from './model.js';
import { claudeCode } from './formats/claude-code.js';
import { codex } from './formats/codex.js';
import { cursor } from './formats/cursor.js';
import { raw } from './formats/raw.js';
import type { Format } from './formats/types.js';

export type { Analysis, AnalysisStep, PromptOptions } from './analysis.js';
export { DEFAULT_MAX_CHARS } from './analysis.js';
export { REDACTED, redactSecrets } from './redact.js';
export { promptOptions } from './options.js';
export { plural } from './text.js';

const FORMATS: Record<AgentTarget, Format> = { CLAUDE_CODE: claudeCode, CODEX: codex, CURSOR: cursor, RAW: raw };

/**
 * Turns an analysed recording into an agent-ready prompt. Pure and deterministic: the same input always gives
 * the same string. Secrets are masked, page text is fenced as untrusted data, and the result stays within
 * `options.maxChars` by leaving out whole sections, least valuable first, and naming them in the prompt. If the
 * fixed minimum (task, instructions, section titles) alone is over the budget, that minimum is returned as is.
 */
export function render(analysis: Analysis, options: PromptOptions, agentTarget: AgentTarget): string {
  const format = FORMATS[agentTarget];
  if (!format) throw new Error(`unknown agent target: ${String(agentTarget)}`);
  const maxChars =
    typeof options.maxChars === 'number' && Number.isFinite(options.maxChars) && options.maxChars > 0
      ? Math.floor(options.maxChars)
      : DEFAULT_MAX_CHARS;
  const doc = format(buildModel(analysis), {
    includeScreenshots: !!options.includeScreenshots,
    inlineAriaTree: !!options.inlineAriaTree,
    includeRawDiff: !!options.includeRawDiff,
    maxChars,
  });
  return fit(doc, maxChars).text;
}
