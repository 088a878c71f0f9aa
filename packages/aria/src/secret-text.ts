/**
 * Secret masking is @claude-scope/secrets' job (one rule for every lane); the ARIA lane masks with its stored-data
 * mask, MASK. Re-exported here so the lane's callers keep one import.
 */
export { MASK, maskSecretText } from '@claude-scope/secrets';
