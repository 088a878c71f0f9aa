/**
 * Strings Postgres cannot store: `text` refuses U+0000 and `jsonb` refuses lone UTF-16 surrogates (the pg
 * driver turns them into U+FFFD in `text`, silently). The API rejects both wherever a request carries a
 * string, so no client mistake ever reaches the database as a 500.
 */
export const TEXT_RULES = {
  nul: 'must not contain U+0000',
  surrogate: 'must be well-formed Unicode (no lone surrogates)',
} as const;

const LONE_SURROGATE = /\p{Surrogate}/u;

/** Why `s` cannot be stored, or undefined when it can. */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return TEXT_RULES.nul;
  // With the u flag a valid pair is one code point, so only a lone surrogate matches.
  if (LONE_SURROGATE.test(s)) return TEXT_RULES.surrogate;
  return undefined;
}

/**
 * The first string (value or object key) anywhere in `value` that cannot be stored, with its JSON pointer
 * (`/urls/0`, as ajv names fields). Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown): { instancePath: string; message: string } | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const message = textProblem(v);
      if (message) return { instancePath: path, message };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}/${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const message = textProblem(key);
        if (message) return { instancePath: path, message: `field names ${message}` };
        stack.push([child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
      }
    }
  }
  return undefined;
}
