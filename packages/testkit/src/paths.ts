import { fileURLToPath } from 'node:url';

/** packages/testkit/src/ (this file is src/paths.ts, or dist/paths.js once built). */
export const SRC_DIR = fileURLToPath(new URL('../src/', import.meta.url));

/** Generated media lives here (git-ignored), unless TESTKIT_CACHE_DIR says otherwise. */
export function cacheDir(sub: string): string {
  const root = process.env.TESTKIT_CACHE_DIR ?? fileURLToPath(new URL('../../../.cache/', import.meta.url));
  return `${root.replace(/\/+$/, '')}/${sub}`;
}
