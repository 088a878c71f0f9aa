import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const PKG = fileURLToPath(new URL('..', import.meta.url));
// A fresh network namespace (only a down loopback): any download would fail. Needs root or user namespaces.
const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0;

describe('offline', () => {
  it.skipIf(!canUnshare)('reads with no network at all and writes nothing into the working directory', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'ocr-offline-'));
    try {
      // tsx's loader by absolute URL: the child runs in an empty directory that resolves no packages.
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const r = spawnSync('unshare', ['-n', process.execPath, '--import', tsx, '--conditions=source', path.join(PKG, 'test/helpers/offline-read.ts')], {
        cwd,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stderr).not.toMatch(/fetch|network|ENOTFOUND|EAI_AGAIN/i);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual(['Offline', 'works']);
      expect(readdirSync(cwd)).toEqual([]); // tesseract.js's default would leave eng.traineddata here
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
