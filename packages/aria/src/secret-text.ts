/**
 * Secret masking is @claude-scope/secrets' job (one rule for every lane); the ARIA lane masks with its stored-data
 * mask, MASK. One argument on purpose, so it can be passed to `map`.
 */
import { MASK, maskSecretText as mask } from '@claude-scope/secrets';

export { MASK };

export function maskSecretText(text: string): string {
  return mask(text);
}
