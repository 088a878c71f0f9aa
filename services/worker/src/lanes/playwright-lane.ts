import type { BrowserContext, Page } from 'playwright-core';
import { maskSecrets, parseAriaSnapshot } from '@claude-scope/aria';
import type { TimelineEvent } from '@claude-scope/contracts';
import { assertUrlAllowed, BlockedUrlError, type UrlPolicy } from '../browser/ssrf.js';
import type { FailedRequest, PlaywrightStep } from './types.js';

export interface LaneOptions {
  seedUrl: string;
  timeline: TimelineEvent[];
  policy: UrlPolicy;
  navigationTimeoutMs: number;
  signal: AbortSignal;
  onStep?: (done: number, total: number) => Promise<void> | void;
}

export class SeedUnreachableError extends Error {
  override name = 'SeedUnreachableError';
}

const ACTION_TIMEOUT_MS = 5_000;
const QUIET_WINDOW_MS = 300;
const QUIET_MAX_MS = 3_000;

/**
 * Opens the seed URL and replays the timeline in a real browser, capturing the ARIA tree (secrets masked)
 * after each step with the page title, final URL, console errors and failed requests since the last step.
 * An event whose target is missing becomes a failed step with the reason; the lane goes on.
 */
export async function captureSteps(context: BrowserContext, opts: LaneOptions): Promise<PlaywrightStep[]> {
  await guardRequests(context, opts.policy);
  const page = await context.newPage();
  page.setDefaultNavigationTimeout(opts.navigationTimeoutMs);
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const consoleErrors: string[] = [];
  const failedRequests: FailedRequest[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 2000));
  });
  page.on('pageerror', (e) => consoleErrors.push(`${e.name}: ${e.message}`.slice(0, 2000)));
  page.on('requestfailed', (r) => failedRequests.push({ method: r.method(), url: r.url(), error: r.failure()?.errorText ?? 'failed' }));
  page.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push({ method: r.request().method(), url: r.url(), status: r.status() });
  });

  const steps: PlaywrightStep[] = [];
  const total = opts.timeline.length + 1;
  const capture = async (t: number, event?: TimelineEvent, failure?: string) => {
    const step: PlaywrightStep = {
      t,
      ...(event ? { event } : {}),
      url: page.url(),
      title: await page.title().catch(() => ''),
      tree: maskSecrets(parseAriaSnapshot(await page.locator('body').ariaSnapshot({ timeout: 10_000 }).catch(() => ''))),
      consoleErrors: consoleErrors.splice(0),
      failedRequests: failedRequests.splice(0),
      ...(failure ? { failure } : {}),
    };
    steps.push(step);
    await opts.onStep?.(steps.length, total);
  };

  await assertUrlAllowed(opts.seedUrl, opts.policy);
  try {
    await page.goto(opts.seedUrl, { waitUntil: 'load' });
  } catch (err) {
    if (isBrowserGone(err)) throw err;
    throw new SeedUnreachableError(`seed URL ${opts.seedUrl} could not be opened: ${navigationReason(err)}`);
  }
  await settle(page);
  await capture(0);

  for (const event of opts.timeline) {
    if (opts.signal.aborted) throw opts.signal.reason;
    let failure: string | undefined;
    try {
      await perform(page, event, opts.policy);
    } catch (err) {
      if (isBrowserGone(err)) throw err;
      failure = err instanceof BlockedUrlError ? err.message : actionFailure(event, err);
    }
    await settle(page);
    await capture(event.t, event, failure);
  }
  return steps;
}

async function perform(page: Page, event: TimelineEvent, policy: UrlPolicy): Promise<void> {
  switch (event.type) {
    case 'navigate':
      await assertUrlAllowed(event.url, policy);
      await page.goto(event.url, { waitUntil: 'load' });
      return;
    case 'click':
      await page.getByRole(event.role as Parameters<Page['getByRole']>[0], { name: event.name, exact: true }).first().click();
      return;
    case 'fill':
      await page.getByRole(event.role as Parameters<Page['getByRole']>[0], { name: event.name, exact: true }).first().fill(event.value);
      return;
    case 'press':
      await page.keyboard.press(event.key);
      return;
    case 'scroll':
      await page.mouse.wheel(0, event.dy);
      return;
  }
}

/** Waits until the page is quiet: network idle (briefly) and no DOM mutation for a short window. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 2_000 }).catch(() => {});
  await page
    .evaluate(
      ([quiet, max]) =>
        new Promise<void>((resolve) => {
          let timer = setTimeout(done, quiet);
          const cap = setTimeout(done, max);
          const obs = new MutationObserver(() => {
            clearTimeout(timer);
            timer = setTimeout(done, quiet);
          });
          obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          function done() {
            obs.disconnect();
            clearTimeout(timer);
            clearTimeout(cap);
            resolve();
          }
        }),
      [QUIET_WINDOW_MS, QUIET_MAX_MS] as const,
    )
    .catch(() => {});
}

/** Every request the page makes is checked against the SSRF policy at request time. */
async function guardRequests(context: BrowserContext, policy: UrlPolicy): Promise<void> {
  await context.route('**/*', async (route) => {
    try {
      await assertUrlAllowed(route.request().url(), policy);
    } catch {
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  await context.routeWebSocket('**/*', async (ws) => {
    try {
      await assertUrlAllowed(ws.url().replace(/^ws/, 'http'), policy);
    } catch {
      return ws.close({ code: 1008, reason: 'blocked' });
    }
    ws.connectToServer();
  });
}

const isBrowserGone = (err: unknown) =>
  /Target (page, context or browser )?(has been )?closed|Browser has been closed|browser has disconnected/i.test(String((err as Error)?.message ?? err));

function navigationReason(err: unknown): string {
  const msg = String((err as Error)?.message ?? err);
  const net = /net::(ERR_[A-Z_]+)/.exec(msg);
  if (net) return net[1]!.replace(/^ERR_/, '').toLowerCase().replace(/_/g, ' ');
  if (/Timeout \d+ms exceeded/.test(msg)) return 'it did not finish loading in time';
  return msg.split('\n')[0]!.slice(0, 200);
}

function actionFailure(event: TimelineEvent, err: unknown): string {
  const msg = String((err as Error)?.message ?? err);
  const what =
    event.type === 'click' || event.type === 'fill' ? `${event.type} on ${event.role} "${event.name}"` : `${event.type}`;
  if (/Timeout \d+ms exceeded/.test(msg)) {
    return event.type === 'click' || event.type === 'fill' ? `${what}: no such element on the page` : `${what}: timed out`;
  }
  if (event.type === 'navigate') return `navigate to ${event.url}: ${navigationReason(err)}`;
  return `${what}: ${msg.split('\n')[0]!.slice(0, 200)}`;
}
