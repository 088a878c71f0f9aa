import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatorSourceHash, hashSources, withFileLock } from '../src/cache.js';

const dir = mkdtempSync(join(tmpdir(), 'testkit-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('withFileLock', () => {
  it('makes once, then reports the result as already there', async () => {
    const out = join(dir, 'a.out');
    let made = 0;
    const make = async () => {
      made++;
      await new Promise((r) => setTimeout(r, 200));
      writeFileSync(out, 'x');
    };
    const results = await Promise.all([withFileLock(join(dir, 'a.lock'), () => existsSync(out), make), withFileLock(join(dir, 'a.lock'), () => existsSync(out), make)]);
    expect(made).toBe(1);
    expect(results.sort()).toEqual([false, true]);
    expect(existsSync(join(dir, 'a.lock'))).toBe(false);
  });

  it('takes over a lock left by a dead process', async () => {
    const dead = spawnSync('true').pid!;
    writeFileSync(join(dir, 'b.lock'), String(dead));
    const out = join(dir, 'b.out');
    const started = Date.now();
    expect(await withFileLock(join(dir, 'b.lock'), () => existsSync(out), async () => writeFileSync(out, 'x'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

it('generatorSourceHash is a stable sha256', () => {
  expect(generatorSourceHash()).toMatch(/^[0-9a-f]{64}$/);
  expect(generatorSourceHash()).toBe(generatorSourceHash());
});

it('hashSources changes with a generator file and not with one no recording depends on (scorer, forged videos)', () => {
  const src = mkdtempSync(join(tmpdir(), 'testkit-src-'));
  mkdirSync(join(src, 'app'));
  writeFileSync(join(src, 'app', 'page.ts'), 'a');
  writeFileSync(join(src, 'fidelity.ts'), 'x');
  writeFileSync(join(src, 'forged.ts'), 'x');
  const first = hashSources(src);
  writeFileSync(join(src, 'fidelity.ts'), 'y');
  writeFileSync(join(src, 'forged.ts'), 'y');
  expect(hashSources(src)).toBe(first);
  writeFileSync(join(src, 'app', 'page.ts'), 'b');
  expect(hashSources(src)).not.toBe(first);
  rmSync(src, { recursive: true, force: true });
});
