/**
 * Secrets that anyone can read: the values this repository ships (or once shipped) in docker-compose.yml,
 * scripts/env.sh, the k8s Secret template and the tests, the defaults of the tools it runs with (MinIO, s3rver),
 * and the usual placeholders. Production refuses every one of them: a known secret lets anyone who reads this
 * repository sign tokens or read every recording. One list, for the API and the worker (and infra/test, which
 * checks that no shipped file carries one of them).
 */
export const KNOWN_DEFAULT_SECRETS: readonly string[] = [
  // docker-compose.yml before .env (JWT_SECRET's fallback, MinIO's root password and user, Postgres's password)
  'change-me-to-a-long-random-secret-of-32-chars-or-more',
  'claude-scope-secret',
  'claude-scope',
  'claude_scope',
  // scripts/env.sh (s3rver's fixed credentials) and MinIO's own defaults
  'S3RVER',
  'minioadmin',
  // infra/k8s/secret.yaml
  'REPLACE_ME',
  // the API tests' secret
  'test-secret-that-is-at-least-32-characters-long',
  // the usual placeholders
  'changeme',
  'change-me',
  'change_me',
  'secret',
  'password',
  'admin',
  'token',
  'default',
  'example',
  'test',
];

/** Words that only a placeholder contains ("replace-with-…", "your-secret-here", "<generate me>"). */
const PLACEHOLDER = /change[-_ ]?me|replace[-_ ]?(me|with)|your[-_ ]?(own[-_ ]?)?(secret|token|password|key)|generate[-_ ]?(one|me)|placeholder|^<.*>$|^x+$/i;

const normalize = (s: string) => s.trim().toLowerCase();
const KNOWN = new Set(KNOWN_DEFAULT_SECRETS.map(normalize));

/**
 * Whether a secret's value is one the world knows: a listed default, a placeholder, or too uniform to be
 * random (fewer than 8 distinct characters, e.g. 32 × "a").
 */
export function isKnownDefaultSecret(value: string): boolean {
  const v = normalize(value);
  return KNOWN.has(v) || PLACEHOLDER.test(v) || new Set(v).size < 8;
}
