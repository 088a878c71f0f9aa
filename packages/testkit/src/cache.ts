import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SRC_DIR } from './paths.js';

let sourceHash: string | undefined;

/**
 * Files under src/ that no recording depends on: the scorer of what the lanes made of a recording, and the forged
 * test videos (cached by their own version). Editing them changes no recording, so they stay out of the hash (a
 * scorer fix must not regenerate every cached recording).
 */
const NOT_IN_RECORDINGS: ReadonlySet<string> = new Set(['fidelity.ts', 'forged.ts']);

/** Hash of everything under src/ (app, recorder, scenarios, truth) but the scorers: editing it regenerates recordings. */
export function generatorSourceHash(): string {
  return (sourceHash ??= hashSources(SRC_DIR));
}

/** sha256 over the relative paths and contents of the files under `dir`, files no recording depends on left out. */
export function hashSources(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((name) => {
        const p = join(d, name);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
  for (const file of walk(dir)) {
    const rel = relative(dir, file);
    if (!NOT_IN_RECORDINGS.has(rel)) hash.update(rel).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export const shortHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `make` unless `isDone()` already holds, with a lock file so that concurrent test processes
 * wanting the same recording wait for one generation instead of each burning CPU on it. The lock
 * holds the owner's pid: a lock left by a killed process is taken over at once.
 */
export async function withFileLock(lockPath: string, isDone: () => boolean, make: () => Promise<void>): Promise<boolean> {
  for (;;) {
    if (isDone()) return true;
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(await readFile(lockPath, 'utf8').catch(() => ''));
      if (owner && !alive(owner)) await rm(lockPath, { force: true });
      else await sleep(300);
      continue;
    }
    try {
      if (isDone()) return true;
      await make();
      return false;
    } finally {
      await rm(lockPath, { force: true });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
