import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newest(p: string): number {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

/** Builds services/web/dist when it is missing or older than its sources, so the API serves what is tested. */
export function ensureWebBuild(): { built: boolean; ms: number } {
  const started = Date.now();
  const built = newest(path.join(WEB_DIR, 'dist', 'index.html'));
  const sources = Math.max(...INPUTS.map((p) => newest(path.join(WEB_DIR, p))));
  if (built && built >= sources) return { built: false, ms: 0 };
  const vite = path.join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  // vitest sets NODE_ENV=test, and vite would then bundle React's development build (StrictMode running every
  // effect twice, dev warnings): test the production build that ships.
  const env = { ...process.env, NODE_ENV: 'production' };
  const res = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, encoding: 'utf8', env });
  if (res.status !== 0) throw new Error(`vite build failed:\n${res.stdout}\n${res.stderr}`);
  return { built: true, ms: Date.now() - started };
}
