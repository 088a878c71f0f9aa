import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { BrowserManager, chromiumArgs, SandboxUnavailableError } from '../src/browser/manager.js';
import { loadWorkerConfig } from '../src/config.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isRoot = process.getuid?.() === 0;

/** A logger whose lines the test can read. */
function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('Chromium sandbox', () => {
  it('is on unless CHROMIUM_NO_SANDBOX is set', () => {
    const base = { DATABASE_URL: 'postgres://h/db', REDIS_URL: 'redis://h:6379' };
    expect(loadWorkerConfig(base).CHROMIUM_NO_SANDBOX).toBe(false);
    expect(loadWorkerConfig({ ...base, CHROMIUM_NO_SANDBOX: 'true' }).CHROMIUM_NO_SANDBOX).toBe(true);
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
    expect(chromiumArgs(true)).toContain('--no-sandbox');
  });

  it(`launched without the flag ${isRoot ? 'as root fails at once with a message saying what to do' : 'as a non-root user runs sandboxed'}`, async () => {
    const { log } = capturedLog();
    const browser = new BrowserManager({ executablePath: CHROMIUM, maxPages: 1, log, launchTimeoutMs: 20_000 });
    const started = Date.now();
    try {
      if (isRoot) {
        const err = await browser.get().then(() => undefined, (e: unknown) => e);
        expect(err).toBeInstanceOf(SandboxUnavailableError);
        expect((err as Error).message).toMatch(/Chromium cannot start its sandbox \("Running as root without --no-sandbox"\)/);
        expect((err as Error).message).toContain('CHROMIUM_NO_SANDBOX=true');
        expect(Date.now() - started).toBeLessThan(15_000); // not a hang until the launch timeout
      } else {
        expect((await browser.get()).isConnected()).toBe(true);
      }
    } finally {
      await browser.close();
    }
  });

  it('runs without it only when told to, and warns at launch', async () => {
    const { log, lines } = capturedLog();
    const browser = new BrowserManager({ executablePath: CHROMIUM, noSandbox: true, maxPages: 1, log });
    try {
      expect((await browser.get()).isConnected()).toBe(true);
      const warning = lines.find((l) => l.level === 40);
      expect(warning?.msg).toMatch(/chromium runs WITHOUT its sandbox \(CHROMIUM_NO_SANDBOX=true\)/);
    } finally {
      await browser.close();
    }
  });
});
