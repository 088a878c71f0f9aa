import type { Page } from 'playwright-core';
import type { SettleWait, StepTiming } from '@claude-scope/pipeline';
import type { PageLog } from './page-log.js';
import { SETTLE_PROBE_SCRIPT, type PageSettleState } from './settle-probe.js';

// After the event, a page still changing this long is captured as it is then (a countdown, a poller).
const CAP_MS = 2_000;
// The DOM and the network must hold still this long (and two frames be drawn) after their last change.
const QUIET_MS = 80;
// A timer the event set that runs within this long is part of its response even after the page visibly
// responded (a redirect after "Saving…"); a later one (a toast's hide timer) is not waited for.
const RESPONSE_TIMER_MS = 1_000;
// Frames may be throttled (a tab behind another): the two-frame rule gives way after this long.
const FRAMES_WAIT_MAX_MS = 150;
const POLL_MS = 20;

export interface SettleOptions {
  /** When the event began (epoch ms): what the page did since then is its response. */
  since: number;
  /** How long a navigation under way may take to produce its document, from `since` (past the cap). */
  navigationTimeoutMs: number;
}

/**
 * Waits until the page has responded to the event and holds still, judging by evidence rather than fixed
 * windows: a main-frame navigation under way, requests in flight, timers the event set and the page has not
 * run, animations and transitions running, the DOM changing. Once nothing is busy, it must stay still for
 * QUIET_MS after the last DOM or network change and two frames. A page still busy at the cap is captured as it
 * is, and `keptChanging` says with what (a navigation may go on to its own timeout). Adds where the time went
 * to `timing`.
 */
export async function settle(page: Page, log: PageLog, opts: SettleOptions, timing: StepTiming): Promise<void> {
  const start = Date.now();
  const deadline = start + CAP_MS;
  // A navigation may take its own timeout, counted from the event (a `navigate` event's load already used it).
  const navigationDeadline = Math.max(deadline, opts.since + opts.navigationTimeoutMs);
  let charged = 0;
  while (!page.isClosed()) {
    const t0 = Date.now();
    const busy = await busyWith(page, log, opts, start, deadline);
    if (busy === null) break;
    const limit = busy === 'navigation' ? navigationDeadline : deadline;
    const capped = t0 >= limit;
    if (capped) timing.keptChanging = busy;
    // Polls the page's state (a navigation: until the new document is parsed and can be judged); also keeps a
    // crashed page's failing evaluations from spinning.
    else await sleep(Math.min(POLL_MS, Math.max(1, limit - Date.now())));
    timing.waits[busy] += Date.now() - t0;
    charged += Date.now() - t0;
    if (capped) break;
  }
  const spent = Date.now() - start;
  // The last look, the one that found the page still, is time spent making sure the DOM holds still.
  timing.waits.dom += spent - charged;
  timing.settleMs += spent;
}

/** What the page is still busy with, the first that applies; null once it holds still. */
async function busyWith(page: Page, log: PageLog, opts: SettleOptions, start: number, deadline: number): Promise<SettleWait | null> {
  if (log.navigating(opts.navigationTimeoutMs)) return 'navigation';
  if (log.requestsInFlight()) return 'network';
  let state: PageSettleState | null;
  try {
    // A string expression (see settle-probe.ts): its arguments are written into it.
    state = await page.evaluate<PageSettleState | null>(`(${SETTLE_PROBE_SCRIPT})(${JSON.stringify([opts.since, deadline, RESPONSE_TIMER_MS])})`);
  } catch {
    // The document went away under the evaluation: a navigation committed (or the page crashed; the lane's
    // checks name that).
    return 'navigation';
  }
  if (state === null) return null; // an error page: nothing runs in it
  if (state.timerLeft > 0) return 'response';
  if (state.animationLeft > 0 || state.endless > 0) return 'animation';
  const now = Date.now();
  const still = Math.min(state.sinceMutation, now - start);
  if (still < QUIET_MS || (state.frames < 2 && now - start < FRAMES_WAIT_MAX_MS)) {
    // Nothing to show for the event yet: waiting to see whether the page responds at all.
    return state.responded || log.activeSince(opts.since) ? 'dom' : 'response';
  }
  if (log.networkQuietMs() < QUIET_MS) return 'network';
  return null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
