import type { Page } from 'playwright-core';
import type { PageLog } from './page-log.js';

const DOM_QUIET_MS = 300;
const NETWORK_QUIET_MS = 500;
const POLL_MS = 50;

/**
 * Waits until the page is quiet — no DOM mutation for a short window and no network activity — or the budget
 * runs out (a page that animates or polls forever is captured as it is then). A navigation started by the
 * last action (e.g. a form that redirects after a delay) is waited for, and the new document judged instead.
 */
export async function waitForQuiet(page: Page, log: PageLog, budgetMs: number): Promise<void> {
  const deadline = Date.now() + budgetMs;
  // The DOM must stay still for this long; after a quiet window it only has to stay still while the
  // network catches up.
  let stillMs = DOM_QUIET_MS;
  while (Date.now() < deadline && !page.isClosed()) {
    const left = deadline - Date.now();
    let domQuiet: boolean;
    try {
      domQuiet = await page.evaluate<boolean>(`(${DOM_QUIET_SCRIPT})(${stillMs}, ${Math.round(left)})`);
    } catch {
      // The document went away under the evaluation: a navigation. Judge the next document once it loaded.
      // (Anything else — a crashed page — fails fast here too: pause so the loop cannot spin.)
      const loaded = await page
        .waitForLoadState('load', { timeout: Math.max(1, deadline - Date.now()) })
        .then(() => true, () => false);
      if (!loaded) await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
      stillMs = DOM_QUIET_MS;
      continue;
    }
    if (!domQuiet) return; // still changing at the deadline
    const networkQuiet = log.networkQuietMs();
    if (networkQuiet >= NETWORK_QUIET_MS) return;
    stillMs = Math.max(POLL_MS, NETWORK_QUIET_MS - networkQuiet);
  }
}

/**
 * In the page: resolves true after `quietMs` without a mutation, false if `maxMs` passes first. A string, not a
 * function: tsx/esbuild wrap named inner functions in a `__name` helper that does not exist in the page.
 */
const DOM_QUIET_SCRIPT = `(quietMs, maxMs) => new Promise((resolve) => {
  let timer = setTimeout(() => finish(true), quietMs);
  const cap = setTimeout(() => finish(false), maxMs);
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => finish(true), quietMs);
  });
  function finish(quiet) {
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(cap);
    resolve(quiet);
  }
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
