import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Logger } from 'pino';
import { Semaphore } from '../semaphore.js';

// Debian's Chromium, as root, on a closed network: no sandbox, no GPU, no background traffic.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * One Chromium per worker process, launched on first use and relaunched if it crashes; each job gets a
 * fresh context (no cookies or storage shared between users), and at most `maxPages` contexts are open.
 */
export class BrowserManager {
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private readonly pages: Semaphore;
  private closed = false;

  constructor(private readonly opts: { executablePath: string; maxPages: number; log: Logger }) {
    this.pages = new Semaphore(opts.maxPages);
  }

  async get(): Promise<Browser> {
    if (this.closed) throw new Error('browser manager is closed');
    if (this.browser?.isConnected()) return this.browser;
    this.launching ??= chromium
      .launch({ executablePath: this.opts.executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 })
      .then((b) => {
        this.browser = b;
        b.on('disconnected', () => {
          if (this.browser === b) this.browser = undefined;
          if (!this.closed) this.opts.log.warn('chromium disconnected; it will be relaunched on next use');
        });
        return b;
      })
      .finally(() => {
        this.launching = undefined;
      });
    return this.launching;
  }

  /** Runs `fn` in a fresh, isolated browser context that is always closed afterwards. */
  async withContext<T>(options: Parameters<Browser['newContext']>[0], fn: (ctx: BrowserContext) => Promise<T>): Promise<T> {
    return this.pages.run(async () => {
      const browser = await this.get();
      const context = await browser.newContext(options);
      try {
        return await fn(context);
      } finally {
        await context.close().catch(() => {});
      }
    });
  }

  /** The browser process id, so tests can kill it to prove the lane relaunches. */
  pid(): number | undefined {
    return (this.browser as unknown as { process?: () => { pid?: number } } | undefined)?.process?.()?.pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser ?? (await this.launching?.catch(() => undefined));
    await b?.close().catch(() => {});
  }
}
