import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Logger } from 'pino';
import { Semaphore } from '@claude-scope/video/limits';
import { firstLine } from '../error-text.js';

// Debian's Chromium on a closed network: no GPU, no background traffic. WebRTC may not send UDP around the guard
// proxy (a STUN request reaches any address otherwise — verified). The sandbox stays on unless configured off.
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
];

/** The browser went away under a job (crash, OOM kill): retryable — the next attempt gets a fresh Chromium. */
export class BrowserGoneError extends Error {
  override name = 'BrowserGoneError';
}

/** Chromium's flags: CHROMIUM_ARGS, plus `--no-sandbox` only when explicitly asked for. */
export const chromiumArgs = (noSandbox: boolean) => (noSandbox ? ['--no-sandbox', ...CHROMIUM_ARGS] : [...CHROMIUM_ARGS]);

/** Chromium refused to start sandboxed (as root, or without user namespaces): a set-up problem, said plainly. */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}

// What Chromium prints when it cannot sandbox itself (as root; no user namespaces and no setuid helper).
const NO_SANDBOX = /Running as root without --no-sandbox|No usable sandbox/;

export interface BrowserManagerOptions {
  executablePath: string;
  /**
   * Run Chromium without its sandbox (CHROMIUM_NO_SANDBOX): the pages users choose then run in processes that
   * can reach everything this worker can. Only for machines that run as root (tests, `make dev`).
   */
  noSandbox?: boolean;
  /** Contexts (one per job, each with its pages) open at once in this process. */
  maxPages: number;
  log: Logger;
  launchTimeoutMs?: number;
}

/**
 * One Chromium per worker process, launched on first use and relaunched on the next use after it crashed;
 * each job gets a fresh context (no cookies, storage or cache shared between users), and at most `maxPages`
 * contexts are open at once.
 */
export class BrowserManager {
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private browserPid: number | undefined;
  private readonly pages: Semaphore;
  private closed = false;
  launches = 0;

  constructor(private readonly opts: BrowserManagerOptions) {
    this.pages = new Semaphore(opts.maxPages);
  }

  async get(): Promise<Browser> {
    if (this.closed) throw new Error('browser manager is closed');
    if (this.browser?.isConnected()) return this.browser;
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const noSandbox = this.opts.noSandbox ?? false;
    if (noSandbox) this.opts.log.warn('chromium runs WITHOUT its sandbox (CHROMIUM_NO_SANDBOX=true): a renderer exploit would reach this worker and its credentials');
    let b: Browser;
    try {
      b = await chromium.launch({
        executablePath: this.opts.executablePath,
        args: chromiumArgs(noSandbox),
        // Playwright adds --no-sandbox itself unless told the sandbox is wanted.
        chromiumSandbox: !noSandbox,
        headless: true,
        timeout: this.opts.launchTimeoutMs ?? 30_000,
      });
    } catch (err) {
      const reason = NO_SANDBOX.exec(String((err as Error)?.message ?? err))?.[0];
      if (!reason) throw err;
      throw new SandboxUnavailableError(
        `Chromium cannot start its sandbox ("${reason}"): run the worker as a non-root user where unprivileged user namespaces are allowed (see SECURITY.md, "The browser sandbox"), or set CHROMIUM_NO_SANDBOX=true to run it without one`,
        { cause: err },
      );
    }
    this.launches++;
    b.on('disconnected', () => {
      if (this.browser !== b) return;
      this.browser = undefined;
      this.browserPid = undefined;
      if (!this.closed) this.opts.log.warn('chromium disconnected; it will be relaunched on next use');
    });
    this.browserPid = await processId(b);
    this.browser = b;
    this.opts.log.info({ chromiumPid: this.browserPid, launches: this.launches }, 'chromium launched');
    return b;
  }

  /**
   * Runs `fn` in a fresh, isolated browser context that is always closed afterwards. A failure while the
   * browser is gone becomes BrowserGoneError, whatever Playwright's message was.
   */
  async withContext<T>(options: Parameters<Browser['newContext']>[0], fn: (ctx: BrowserContext) => Promise<T>): Promise<T> {
    return this.pages.use(async () => {
      const browser = await this.get();
      try {
        const context = await browser.newContext(options);
        try {
          return await fn(context);
        } finally {
          await context.close().catch(() => {});
        }
      } catch (err) {
        if (!browser.isConnected() && !(err instanceof BrowserGoneError)) {
          throw new BrowserGoneError(`the browser crashed or was killed during the job (${firstLine(err)})`, { cause: err });
        }
        throw err;
      }
    });
  }

  /** The browser process id (so tests can kill it to prove the lane relaunches), while one is running. */
  pid(): number | undefined {
    return this.browser?.isConnected() ? this.browserPid : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser ?? (await this.launching?.catch(() => undefined));
    await b?.close().catch(() => {});
  }
}

/** Playwright's Browser does not expose its process; Chromium names it over CDP. */
async function processId(b: Browser): Promise<number | undefined> {
  try {
    const cdp = await b.newBrowserCDPSession();
    const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    await cdp.detach().catch(() => {});
    return info.processInfo.find((p) => p.type === 'browser')?.id;
  } catch {
    return undefined;
  }
}
