import type { Settings } from '@claude-scope/contracts';
import type { PromptOptions } from './analysis.js';

/** The account's settings as render options: one mapping for every prompt rendered (synthesis and re-renders). */
export function promptOptions(settings: Pick<Settings, 'includeScreenshots' | 'inlineAriaTree' | 'includeRawDiff'>, maxChars: number): PromptOptions {
  return {
    includeScreenshots: settings.includeScreenshots,
    inlineAriaTree: settings.inlineAriaTree,
    includeRawDiff: settings.includeRawDiff,
    maxChars,
  };
}
