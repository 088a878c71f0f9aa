import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** page-runtime.js as text (tsc does not copy .js assets to dist, so fall back to the sources). */
export function pageRuntimeSource(): string {
  if (cached) return cached;
  const here = fileURLToPath(new URL('./page-runtime.js', import.meta.url));
  const path = existsSync(here) ? here : fileURLToPath(new URL('../../src/recorder/page-runtime.js', import.meta.url));
  return (cached = readFileSync(path, 'utf8'));
}
