/** What replaces a secret in stored data (trees, timelines, events). Six bullets: reads as a hidden password. */
export const MASK = '••••••';

/** What replaces a secret in prompts: a word an agent is told about ("do not try to recover it"). */
export const REDACTED = '[REDACTED]';

/** Text some masker already replaced: never masked again, so masking is idempotent whichever mask was used. */
export function isMasked(value: string): boolean {
  return value.includes(MASK) || value.includes(REDACTED) || value.startsWith('[REDACTED');
}
