import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { BrowserManager } from '../src/browser/manager.js';

/**
 * Fixtures shared by the Playwright lane's test files, each registering its own teardown so a file cannot forget it.
 * Call them at describe level.
 */

/** A Chromium as the worker launches it, closed after the file's tests. scripts/env.sh sets CHROMIUM_NO_SANDBOX=true
 * for root, where Chromium refuses its sandbox. */
export function useBrowser(maxPages = 2): BrowserManager {
  const browser = new BrowserManager({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    noSandbox: process.env.CHROMIUM_NO_SANDBOX === 'true',
    maxPages,
    log: pino({ level: 'silent' }),
  });
  afterAll(() => browser.close());
  return browser;
}

/** The testkit's demo app, started before the file's tests and closed after; `url` is read once it runs. */
export function useDemoApp(): { readonly url: string } {
  let app: DemoApp | undefined;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    get url() {
      if (!app) throw new Error('the demo app is read before it started (use it inside a test or hook)');
      return app.url;
    },
  };
}
