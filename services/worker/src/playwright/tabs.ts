import type { BrowserContext, Page } from 'playwright-core';
import type { GuardProxy } from '../browser/guard-proxy.js';
import { PageLog } from './page-log.js';
import { SETTLE_INIT_SCRIPT } from './settle-probe.js';

/**
 * In every document: counts the tabs it asks for (a plain left click on a target=_blank link, window.open
 * of a new window), so the lane knows to wait for one. Playwright hands a new tab over only once its
 * first response arrived, which on a busy machine can come after the page that opened it looks quiet.
 * Named targets may reuse a window and open nothing, so they do not count. A string: tsx/esbuild helpers
 * do not exist in the page.
 */
const COUNT_TABS_SCRIPT = `(() => {
  if (window.__claudeScopeTabs !== undefined) return;
  window.__claudeScopeTabs = 0;
  const open = window.open;
  window.open = function (url, target, features) {
    const w = open.apply(this, arguments);
    const blank = target === undefined || target === '' || String(target).toLowerCase() === '_blank';
    if (blank && (w || /noopener|noreferrer/i.test(String(features || '')))) window.__claudeScopeTabs++;
    return w;
  };
  addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const a = e.target instanceof Element ? e.target.closest('a[href][target]') : null;
    if (a && a.target.toLowerCase() === '_blank') window.__claudeScopeTabs++;
  });
})()`;

/**
 * The tab the user is looking at. A page the replayed events open (a link with target=_blank,
 * window.open) comes to the front, as it did in the browser the recording was made in, and the next
 * events act on it; when the tab in front closes (a sign-in or print window closing itself), the tab
 * before it is back. Every tab's console errors and failed requests are logged, wherever they happen.
 */
export class Tabs {
  /** Pages in the order they came to the front; the last open one is in front. */
  private readonly order: Page[] = [];
  /** Pages opened since the last `adoptOpened()`. */
  private opened: Page[] = [];
  private readonly logs = new Map<Page, PageLog>();

  constructor(
    private readonly context: BrowserContext,
    private readonly proxy: GuardProxy,
    private readonly configure: (page: Page) => void,
  ) {
    // Synchronously, so a new tab's log misses nothing after Playwright hands it over.
    context.on('page', (page) => {
      this.track(page);
      this.opened.push(page);
    });
  }

  /** Opens the first tab (the seed's). */
  async open(): Promise<Page> {
    await this.context.addInitScript({ content: COUNT_TABS_SCRIPT });
    await this.context.addInitScript({ content: SETTLE_INIT_SCRIPT });
    const page = await this.context.newPage();
    this.track(page);
    this.opened = this.opened.filter((p) => p !== page);
    this.order.push(page);
    return page;
  }

  /** How many tabs the page's current document has asked for (0 once it navigated). */
  requested(page: Page): Promise<number> {
    return page.evaluate<number>('window.__claudeScopeTabs | 0').catch(() => 0);
  }

  /** Waits (up to `timeoutMs`) until a tab opened since the last `adoptOpened()` is there. */
  async waitForOpened(timeoutMs: number): Promise<void> {
    if (this.opened.length > 0) return;
    await this.context.waitForEvent('page', { timeout: timeoutMs }).catch(() => {});
  }

  /** Brings the newest tab opened since the last call to the front; returns it, or null if none opened. */
  adoptOpened(): Page | null {
    const page = this.opened.splice(0).filter((p) => !p.isClosed()).at(-1) ?? null;
    if (page) this.order.push(page);
    return page;
  }

  /** The tab in front: the last one still open, else the first (closed: the browser or the job ended). */
  get front(): Page {
    for (let i = this.order.length - 1; i >= 0; i--) if (!this.order[i]!.isClosed()) return this.order[i]!;
    return this.order[0]!;
  }

  log(page: Page): PageLog {
    return this.logs.get(page)!;
  }

  /** Console errors and failed requests of every tab (closed ones too) since the last call. */
  take(): ReturnType<PageLog['take']> {
    const out: ReturnType<PageLog['take']> = { consoleErrors: [], failedRequests: [] };
    for (const log of this.logs.values()) {
      const { consoleErrors, failedRequests } = log.take();
      out.consoleErrors.push(...consoleErrors);
      out.failedRequests.push(...failedRequests);
    }
    return out;
  }

  private track(page: Page): void {
    if (this.logs.has(page)) return;
    this.configure(page);
    this.logs.set(page, new PageLog(page, this.proxy));
  }
}
