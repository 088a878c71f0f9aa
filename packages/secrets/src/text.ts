import { capText, MAX_TEXT } from './cap.js';
import { MASK } from './mask.js';
import { RULES } from './rules.js';

export interface MaskTextOptions {
  /** What replaces a secret: MASK (default, stored data) or REDACTED (prompts). */
  mask?: string;
  /** Cap applied before any pattern runs (code points; default MAX_TEXT). */
  max?: number;
}

/**
 * Masks the secrets in one piece of text (see README.md for the list and the near-misses that stay readable).
 * The text is first capped to `max` code points — a longer text is cut and marked, never scanned whole — so each
 * call's cost is bounded whatever the page or the user wrote. Idempotent, for either mask.
 */
export function maskSecretText(text: string, options: MaskTextOptions = {}): string {
  const mask = options.mask ?? MASK;
  let out = capText(String(text ?? ''), options.max ?? MAX_TEXT);
  for (const rule of RULES) out = rule.apply(out, mask);
  return out;
}

/**
 * For the vision lane: text read off the screen (OCR of a frame) goes through exactly the same masking as page
 * text, line breaks kept. Call it on each recognised block before the text is stored or shown.
 */
export function maskScreenText(text: string, options: MaskTextOptions = {}): string {
  return maskSecretText(text, options);
}
