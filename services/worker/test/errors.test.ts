import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe, UndecodableVideoError } from '@claude-scope/video';
import { humanMessage, JobTimeoutError, PermanentJobError, scrub } from '../src/jobs/errors.js';

/** lastError is the product's words: never a temp path, a stack trace or an internal address. */
describe('failure wording (lastError)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cs-video-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("ffprobe's own words about a file in the job's temp dir keep no path", async () => {
    const file = path.join(dir, 'recording');
    await writeFile(file, 'this is not a video at all'.repeat(100));
    const err = await probe(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UndecodableVideoError);
    expect((err as Error).message).toContain(dir); // what ffmpeg says today…
    const shown = humanMessage(new PermanentJobError((err as Error).message), 'video lane');
    expect(shown).not.toContain('/tmp');
    expect(shown).not.toContain('cs-video-');
    expect(shown).toMatch(/^the file could not be read as a video \(recording: .+\)$/);
  });

  it('cuts every absolute path to its file name, wherever it sits', () => {
    expect(scrub("ENOENT: no such file or directory, open '/tmp/cs-video-Ab12/frames/00000012.yuv'")).toBe(
      "ENOENT: no such file or directory, open '00000012.yuv'",
    );
    expect(scrub('/var/lib/worker/tmp/cs-video-x/recording: Invalid data found when processing input')).toBe(
      'recording: Invalid data found when processing input',
    );
    expect(scrub('spawn /usr/local/bin/ffmpeg EACCES')).toBe('spawn ffmpeg EACCES');
    expect(scrub('cannot load file:///app/services/worker/dist/jobs/video.js')).toBe('cannot load video.js');
    expect(scrub('could not open C:\\Users\\runner\\AppData\\Local\\Temp\\cs-video-1\\recording')).toBe('could not open recording');
    expect(scrub('at (/tmp/a/b) and [/tmp/c/d]')).toBe('at (b) and [d]');
  });

  it('keeps URLs, the lanes\' own wording and short words with slashes as they are', () => {
    const seed = 'seed URL http://127.0.0.1:4567/nothing-listens-here/at/all could not be opened: connection refused';
    expect(humanMessage(new PermanentJobError(seed), 'Playwright lane')).toBe(seed);
    expect(scrub('seed URL blocked: https://example.com/a/b/c resolves to a private address')).toBe(
      'seed URL blocked: https://example.com/a/b/c resolves to a private address',
    );
    expect(scrub('recording is 12.5 min, over your limit of 10 min')).toBe('recording is 12.5 min, over your limit of 10 min');
    expect(scrub('3/4 URLs, and/or 1/2')).toBe('3/4 URLs, and/or 1/2');
    expect(humanMessage(new JobTimeoutError('video lane timed out after 600 s'), 'video lane')).toBe('video lane timed out after 600 s');
  });

  it('an internal error shows its first line only: no stack trace, no path, no internal address', () => {
    const err = new Error('connect ECONNREFUSED 10.0.3.7:5432');
    err.stack = `${err.message}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n    at /app/node_modules/pg/lib/client.js:12:3`;
    expect(humanMessage(err, 'video lane')).toBe('video lane failed after several attempts (connect ECONNREFUSED an internal address)');
    const multi = new Error("write failed\n    at Object.<anonymous> (/work/main/services/worker/src/jobs/video.ts:40:11)");
    expect(humanMessage(multi, 'synthesis')).toBe('synthesis failed after several attempts (write failed)');
    expect(humanMessage(new Error('EACCES: permission denied, mkdtemp \'/srv/tmp/cs-playwright-XXXXXX\''), 'Playwright lane')).toBe(
      "Playwright lane failed after several attempts (EACCES: permission denied, mkdtemp 'cs-playwright-XXXXXX')",
    );
    expect(humanMessage('a string thrown from /opt/x/y.js', 'synthesis')).toBe('synthesis failed after several attempts (a string thrown from y.js)');
  });
});
