import type { Page } from 'playwright-core';
import { BrowserGoneError } from '../browser/manager.js';
import { assertUrlAllowed, BlockedUrlError, type UrlPolicy } from '../browser/ssrf.js';
import { firstLine } from '../error-text.js';
import type { PageLog } from './page-log.js';

/** A navigation that did not produce a page; the message is the reason in words (`connection refused`). */
export class NavigationError extends Error {
  override name = 'NavigationError';
}

/**
 * Opens `url` in the page. The URL is checked against the policy first (the guard proxy would refuse it
 * anyway, but this names the URL); a redirect hop the proxy refused becomes BlockedUrlError naming the hop.
 * The document must be parsed (DOMContentLoaded) within `timeoutMs`; the load event is awaited within the same
 * deadline but not required, so one hanging image does not lose the page.
 */
export async function navigate(page: Page, url: string, policy: UrlPolicy, log: PageLog, timeoutMs: number): Promise<void> {
  await assertUrlAllowed(url, policy);
  const deadline = Date.now() + timeoutMs;
  log.resetNavigation();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  } catch (err) {
    throw explain(page, err, url, log, timeoutMs);
  }
  await page.waitForLoadState('load', { timeout: Math.max(1, deadline - Date.now()) }).catch(() => {});
}

function explain(page: Page, err: unknown, url: string, log: PageLog, timeoutMs: number): Error {
  if (isBrowserGone(page, err)) return new BrowserGoneError(`the browser went away while opening ${url}`, { cause: err });
  const msg = String((err as Error)?.message ?? err);
  const hop = log.navigationFailure;
  if (hop) {
    const via = sameUrl(hop.url, url) ? '' : `${url} redirects to ${hop.url}: `;
    if (hop.error.startsWith('blocked: ')) return new BlockedUrlError(`${via}${hop.error.slice('blocked: '.length)}`);
    return new NavigationError(`${via}${netWords(hop.error)}`);
  }
  if (/Timeout \d+ms exceeded/.test(msg)) return new NavigationError(`it did not finish loading within ${Math.round(timeoutMs / 1000)} s`);
  return new NavigationError(netWords(firstLine(err, /^page\.goto: /)));
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** `net::ERR_CONNECTION_REFUSED at …` → `connection refused`; the guard's own wording passes through. */
export function netWords(text: string): string {
  const net = /net::(ERR_[A-Z_]+)/.exec(text);
  return net ? net[1]!.replace(/^ERR_/, '').toLowerCase().replace(/_/g, ' ') : text;
}

const GONE = /Target (page, context or browser )?(has been )?closed|Browser has been closed|browser has disconnected|Page crashed|Target crashed/i;

/** Decided by the browser's state first: Playwright's wording for a dead browser varies by call. */
export function isBrowserGone(page: Page, err?: unknown): boolean {
  if (!page.context().browser()?.isConnected() || page.isClosed()) return true;
  return err !== undefined && GONE.test(String((err as Error)?.message ?? err));
}
