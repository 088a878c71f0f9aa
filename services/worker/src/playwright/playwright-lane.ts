import type { BrowserContext, Page } from 'playwright-core';
import { parseAriaSnapshot } from '@claude-scope/aria';
import type { TimelineEvent } from '@claude-scope/contracts';
import { startGuardProxy, type GuardProxy } from '../browser/guard-proxy.js';
import { BrowserGoneError, type BrowserManager } from '../browser/manager.js';
import { BlockedUrlError, type UrlPolicy } from '../browser/ssrf.js';
import { firstLine } from '../error-text.js';
import { ActionFailedError, perform } from './actions.js';
import { NotReplayedError, performInferred, type InferredReplay } from './inferred.js';
import { isBrowserGone, navigate, NavigationError, netWords } from './navigation.js';
import type { PageLog } from './page-log.js';
import { maskTree } from './secrets.js';
import { settle } from './settle.js';
import { emptyTiming } from './timing.js';
import { Tabs } from './tabs.js';
import { WATCH_CAP_MS, watchLater } from './watch.js';
import type { LaterCapture, PlaywrightStep, StepTiming } from '@claude-scope/pipeline';

export interface LaneOptions {
  seedUrl: string;
  timeline: TimelineEvent[];
  /** Set when `timeline` is what the vision lane inferred (no timeline was uploaded): see performInferred. */
  inferred?: InferredReplay;
  policy: UrlPolicy;
  /** Per navigation (seed, timeline `navigate`, and the guard's connection attempts). */
  navigationTimeoutMs: number;
  /** The job's deadline: aborting closes the browser context, so nothing outlives the job. */
  signal: AbortSignal;
  onStep?: (done: number, total: number) => Promise<void> | void;
}

/** The seed URL could not be opened; the message says why in words. Permanent for the job. */
export class SeedUnreachableError extends Error {
  override name = 'SeedUnreachableError';
}

const ACTION_TIMEOUT_MS = 5_000;
const SNAPSHOT_TIMEOUT_MS = 10_000;
const VIEWPORT = { width: 1280, height: 720 };
// How long a tab the page asked for may take to appear (a renderer to start, its first response).
const NEW_TAB_WAIT_MS = 5_000;

/**
 * The Playwright lane: in a fresh browser context whose every connection goes through the SSRF guard proxy,
 * opens the seed URL and replays the timeline in the tab in front (see Tabs), capturing after each step (once
 * the page has responded and holds still: see settle) the ARIA tree with secrets masked, the page title, the
 * final URL, console errors and failed requests, and where the step's time went (`timing`); then, until the next
 * event's time on the timeline (capped), the states the page reaches on its own (a toast hiding: see watch.ts),
 * with their moments, so synthesis can pair each video frame with the state it shows. An event that
 * cannot be performed (missing target, blocked URL) is a failed step with the reason; the lane goes on.
 * Throws BlockedUrlError / SeedUnreachableError for the seed, BrowserGoneError if Chromium dies (retryable).
 */
export async function captureSteps(browser: BrowserManager, opts: LaneOptions): Promise<PlaywrightStep[]> {
  const proxy = await startGuardProxy(opts.policy, { connectTimeoutMs: opts.navigationTimeoutMs });
  try {
    return await browser.withContext(
      {
        viewport: VIEWPORT,
        // Explicit '<-loopback>': Chromium would otherwise send loopback around the proxy if Playwright's
        // default were switched off (PLAYWRIGHT_DISABLE_FORCED_CHROMIUM_PROXIED_LOOPBACK).
        proxy: { server: proxy.server, bypass: '<-loopback>' },
        // A fresh context has nothing for a service worker to serve; its requests would bypass page events.
        serviceWorkers: 'block',
      },
      (context) => replay(context, proxy, opts),
    );
  } finally {
    await proxy.close();
  }
}

async function replay(context: BrowserContext, proxy: GuardProxy, opts: LaneOptions): Promise<PlaywrightStep[]> {
  const onAbort = () => void context.close().catch(() => {});
  opts.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const tabs = new Tabs(context, proxy, (page) => {
      page.setDefaultNavigationTimeout(opts.navigationTimeoutMs);
      page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    });
    const seedPage = await tabs.open();
    const steps: PlaywrightStep[] = [];
    const total = opts.timeline.length + 1;
    const checkAlive = (err?: unknown) => {
      if (opts.signal.aborted) throw opts.signal.reason;
      if (isBrowserGone(tabs.front, err)) throw new BrowserGoneError('the browser crashed or was killed during the job', { cause: err });
    };

    const settleOpts = (since: number) => ({ since, navigationTimeoutMs: opts.navigationTimeoutMs });
    // A page can begin a navigation just as its settle ended (a redirect timer run late on a busy machine): its URL
    // and tree could then come from two documents. Such a capture is settled again and taken anew, once.
    const coherentCapture = async (timing: StepTiming, t: number, since: number, actedAt: number, event?: TimelineEvent, failure?: string) => {
      const first = await capture(tabs, timing, t, actedAt, opts.navigationTimeoutMs, event, failure);
      if (!first.moved) return first.step;
      await settle(tabs.front, tabs.log(tabs.front), settleOpts(since), timing);
      return (await capture(tabs, timing, t, actedAt, opts.navigationTimeoutMs, event, failure)).step;
    };
    const seedTiming = emptyTiming();
    const seedStart = Date.now();
    try {
      await navigate(seedPage, opts.seedUrl, opts.policy, tabs.log(seedPage), opts.navigationTimeoutMs);
    } catch (err) {
      checkAlive(err);
      if (err instanceof NavigationError) throw new SeedUnreachableError(`seed URL ${opts.seedUrl} could not be opened: ${err.message}`);
      throw err; // BlockedUrlError: the job names it
    }
    seedTiming.actionMs = Date.now() - seedStart;
    await settle(seedPage, tabs.log(seedPage), settleOpts(seedStart), seedTiming);
    // A seed page that opens a window at once: the user saw that window in front.
    const popup = tabs.adoptOpened();
    if (popup) await settle(popup, tabs.log(popup), settleOpts(seedStart), seedTiming);
    steps.push(await watched(tabs, await coherentCapture(seedTiming, 0, seedStart, seedStart), seedStart, seedStart, opts.timeline[0]?.t ?? 0, opts));
    await opts.onStep?.(steps.length, total);

    for (const [i, event] of opts.timeline.entries()) {
      checkAlive();
      const page = tabs.front;
      let stored = event;
      let failure: string | undefined;
      tabs.log(page).resetNavigation();
      const tabsBefore = await tabs.requested(page);
      const timing = emptyTiming();
      const start = Date.now();
      let untouched = false;
      try {
        const ctx = { policy: opts.policy, log: tabs.log(page), navigationTimeoutMs: opts.navigationTimeoutMs };
        const afterFailure = !!steps.at(-1)?.failure;
        stored = opts.inferred ? await performInferred(page, event, { ...ctx, replay: opts.inferred, afterFailure }) : await perform(page, event, ctx);
      } catch (err) {
        // A tab that closed itself during the action (a "Close" button calling window.close()) did what the
        // user saw; only a crash or the job's end is fatal.
        if (!(await closedItself(page, err))) {
          checkAlive(err);
          failure = describeFailure(event, err);
          untouched = err instanceof NotReplayedError;
        }
      }
      timing.actionMs = Date.now() - start;
      if (untouched) {
        // Nothing was done to the page: it is as the previous step last captured it (no settle, no second capture).
        const { later, at: _at, ...prev } = steps.at(-1)!;
        const last = later?.at(-1);
        const state = last ? { url: last.url, title: last.title, tree: last.tree } : {};
        steps.push({ ...prev, ...state, t: event.t, event: stored, consoleErrors: [], failedRequests: [], failure: failure!, timing });
        await opts.onStep?.(steps.length, total);
        continue;
      }
      await settle(page, tabs.log(page), settleOpts(start), timing);
      // A tab the event opened is in front now; one the event closed hands the front back (tabs.front).
      if ((await tabs.requested(page)) > tabsBefore) {
        const waitStart = Date.now();
        await tabs.waitForOpened(Math.min(opts.navigationTimeoutMs, NEW_TAB_WAIT_MS));
        timing.waits.navigation += Date.now() - waitStart;
        timing.settleMs += Date.now() - waitStart;
      }
      const opened = tabs.adoptOpened();
      if (opened) await settle(opened, tabs.log(opened), settleOpts(start), timing);
      checkAlive();
      // A click or key press whose navigation failed (refused, blocked redirect) did not do what the user saw.
      const nav = tabs.log(tabs.front).navigationFailure;
      if (!failure && nav) failure = `the navigation to ${nav.url} failed: ${netWords(nav.error)}`;
      // Moments are counted from when the action was done (a click dispatched), as the timeline's `t` is.
      const actedAt = start + timing.actionMs;
      const step = await coherentCapture(timing, event.t, start, actedAt, stored, failure);
      // The page's own later states, up to the next event's time: the video shows them before the user acts again.
      const next = opts.timeline[i + 1];
      steps.push(await watched(tabs, step, start, actedAt, next ? next.t - event.t : WATCH_CAP_MS, opts));
      await opts.onStep?.(steps.length, total);
    }
    // A crash right after the last capture would otherwise pass as a short, empty result.
    checkAlive();
    return steps;
  } catch (err) {
    // Aborting closed the context under whatever ran: the job's timeout is the error, not the closed page.
    if (opts.signal.aborted) throw opts.signal.reason;
    throw err;
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
  }
}

function describeFailure(event: TimelineEvent, err: unknown): string {
  if (err instanceof ActionFailedError) return err.message;
  if (event.type === 'navigate' && (err instanceof BlockedUrlError || err instanceof NavigationError)) {
    return `navigate to ${event.url}: ${err instanceof BlockedUrlError ? `blocked: ${err.message}` : err.message}`;
  }
  if (err instanceof BlockedUrlError) return `blocked: ${err.message}`;
  return `${event.type}: ${firstLine(err)}`;
}

/**
 * `actedAt`: when the event was done (epoch ms), which the capture's `at` counts from. `moved`: the page was between
 * two documents while it was read (see readFront).
 */
async function capture(
  tabs: Tabs,
  timing: StepTiming,
  t: number,
  actedAt: number,
  navigationTimeoutMs: number,
  event?: TimelineEvent,
  failure?: string,
): Promise<{ step: PlaywrightStep; moved: boolean }> {
  const start = Date.now();
  const { state, snapshotFailure, moved } = await readFront(tabs, navigationTimeoutMs);
  const failures = [failure, snapshotFailure].filter(Boolean).join('; ');
  timing.captureMs = Date.now() - start;
  const step = {
    t,
    ...(event ? { event } : {}),
    ...state,
    ...tabs.take(),
    ...(failures ? { failure: failures } : {}),
    timing,
    at: start - actedAt,
  };
  return { step, moved };
}

/**
 * The tab in front as it is now: URL, title, and the ARIA tree with secrets masked (empty, with why, if unreadable).
 * `moved`: its URL changed while the tree was read, or a main-frame navigation is under way after it, so URL, title
 * and tree may not be of one document.
 */
async function readFront(tabs: Tabs, navigationTimeoutMs: number): Promise<{ state: Omit<LaterCapture, 'at'>; snapshotFailure?: string; moved: boolean }> {
  const page = tabs.front;
  const urlBefore = page.url();
  let tree: PlaywrightStep['tree'] = [];
  let snapshotFailure: string | undefined;
  try {
    tree = await maskTree(page, parseAriaSnapshot(await page.locator('body').ariaSnapshot({ timeout: SNAPSHOT_TIMEOUT_MS })));
  } catch (err) {
    if (isBrowserGone(page, err)) throw new BrowserGoneError('the browser crashed or was killed during the job', { cause: err });
    snapshotFailure = `the accessibility tree could not be captured (${firstLine(err)})`;
  }
  const title = await page.title().catch(() => '');
  const moved = page.url() !== urlBefore || tabs.log(page).navigating(navigationTimeoutMs);
  return { state: { url: currentUrl(page, tabs.log(page)), title, tree }, ...(snapshotFailure ? { snapshotFailure } : {}), moved };
}

/**
 * The step with the states its page reached on its own within `windowMs` of the event (see watch.ts). A step
 * whose tree could not be read, or whose page was still changing at the settle cap, is not watched.
 */
async function watched(tabs: Tabs, step: PlaywrightStep, since: number, actedAt: number, windowMs: number, opts: LaneOptions): Promise<PlaywrightStep> {
  if (step.failure || step.timing?.keptChanging || windowMs <= 0) return step;
  const page = tabs.front;
  const later = await watchLater(
    page,
    tabs.log(page),
    { since, actedAt, capturedAt: actedAt + (step.at ?? 0), until: actedAt + Math.min(windowMs, WATCH_CAP_MS), tree: step.tree, navigationTimeoutMs: opts.navigationTimeoutMs },
    async () => {
      const { state, snapshotFailure } = await readFront(tabs, opts.navigationTimeoutMs);
      return snapshotFailure ? null : state;
    },
    step.timing!,
  );
  // Errors and failed requests of the page while watched belong to the step: they happened before the next event.
  const log = tabs.take();
  return { ...step, ...(later.length ? { later } : {}), consoleErrors: [...step.consoleErrors, ...log.consoleErrors], failedRequests: [...step.failedRequests, ...log.failedRequests] };
}

/** On Chromium's error page the address bar still shows the URL that failed; so does the step. */
function currentUrl(page: Page, log: PageLog): string {
  const url = page.url();
  if (/^https?:/i.test(url)) return url;
  return log.navigationFailure?.url ?? url;
}

/**
 * Whether an action failed only because its own tab closed during it: Playwright rejects with "Target page,
 * context or browser has been closed" before the tab's close event arrives, so wait for that event briefly.
 * The browser must still be up; a closed context is caught by the next checkAlive (no tab left in front).
 */
async function closedItself(page: Page, err: unknown): Promise<boolean> {
  if (!page.context().browser()?.isConnected()) return false;
  if (!/has been closed|Target closed/.test(String((err as Error)?.message ?? err))) return false;
  if (!page.isClosed()) await page.waitForEvent('close', { timeout: 1_000 }).catch(() => {});
  return page.isClosed() && page.context().browser()?.isConnected() === true;
}
