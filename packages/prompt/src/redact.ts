/**
 * Masks credentials in text before it reaches a prompt: @claude-scope/secrets' masker (the one every lane uses),
 * with the prompt's mask, REDACTED, which the prompt's preamble tells the agent about. The text is capped by the
 * masker before any pattern runs, so a page's enormous title costs no more than its first 10 000 characters.
 */
import { maskSecretText, REDACTED } from '@claude-scope/secrets';

export { REDACTED };

export function redactSecrets(text: string): string {
  return maskSecretText(text, { mask: REDACTED });
}
