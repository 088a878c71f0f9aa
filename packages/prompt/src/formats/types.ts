import type { Doc } from '../budget.js';
import type { PromptModel } from '../model.js';

/** PromptOptions with the budget resolved. */
export interface FormatOptions {
  includeScreenshots: boolean;
  inlineAriaTree: boolean;
  includeRawDiff: boolean;
  maxChars: number;
}

/** Lays a model out as budgetable blocks in one agent's conventions. */
export type Format = (model: PromptModel, options: FormatOptions) => Doc;
