import type { Page } from 'playwright-core';
import type { AriaNode } from '@claude-scope/contracts';
import type { LaterCapture, StepTiming } from '@claude-scope/pipeline';
import type { PageLog } from './page-log.js';
import { RUN_GAP_MS } from './settle-probe.js';

// After the event, states the page reaches on its own this late are not watched for (a slow poller's next tick).
export const WATCH_CAP_MS = 4_000;
// At most this many later states per step: a toast hiding, a spinner ending, a redirect; not a ticking countdown.
export const MAX_LATER_CAPTURES = 3;
// A state is captured once the DOM has held still this long after its last change (as settle.ts).
const QUIET_MS = 80;
const POLL_MS = 20;
// While only a timer is pending (a toast's 2-s hide timer), look this often (cheap), and again when it is due.
const IDLE_POLL_MS = 250;

/**
 * In the page (a string: see settle-probe.ts), called with [mark, recentFrom]: the last DOM change since the event
 * began (nodes already changing before it are background, as in settling), when the first pending timer of a chain
 * begun since `recentFrom` is due (0: none) — the event's own, and those of the events just before it (a toast
 * shown by the previous click hides during this step) — leaving out timers due later than WATCH_CAP_MS after their
 * chain began (a session timeout), and whether a finite animation or transition runs.
 */
const WATCH_PROBE_SCRIPT = `([mark, recentFrom]) => {
  const s = window.__claudeScopeSettle;
  if (!s) return null;
  let lastMutation = 0;
  for (const run of s.runs.values()) if (run.start >= mark - ${RUN_GAP_MS}) lastMutation = Math.max(lastMutation, run.last);
  let nextTimer = 0;
  for (const t of s.timers.values()) {
    if (t.root < recentFrom || t.due - t.root > ${WATCH_CAP_MS}) continue;
    if (nextTimer === 0 || t.due < nextTimer) nextTimer = t.due;
  }
  let animating = false;
  for (const a of document.getAnimations()) {
    if (a.playState !== 'running' || !a.effect) continue;
    if (a.effect.getComputedTiming().endTime !== Infinity) { animating = true; break; }
  }
  return { now: s.now(), lastMutation, nextTimer, animating };
}`;

interface WatchState {
  now: number;
  lastMutation: number;
  nextTimer: number;
  animating: boolean;
}

export interface WatchOptions {
  /** When the event began (epoch ms): what it set going is watched. */
  since: number;
  /** When the event was done (epoch ms: a click dispatched), which capture moments are counted from, as the timeline's `t`. */
  actedAt: number;
  /** When the step's capture began (epoch ms): DOM changes after it make a new state. */
  capturedAt: number;
  /** Watch no later than this (epoch ms): the next event's time on the timeline, or the cap. */
  until: number;
  /** The state captured last (the step's), to tell a new state from a DOM change that left the tree as it was. */
  tree: AriaNode[];
  navigationTimeoutMs: number;
}

export type ReadState = () => Promise<Omit<LaterCapture, 'at'> | null>;

/**
 * After a step's capture, while the page still has something under way that will change it on its own — a timer
 * set by this event or one just before (a toast's hide timer, a spinner's end), DOM changes, an animation, requests
 * — waits for each new state to hold still and captures it when its tree differs from the last one, with the moment
 * it settled (its last DOM change, ms after the event was done). A timer due after `until` (the next event's time)
 * keeps the replay waiting until then, so the next event meets the page at the moment the video shows, with the
 * timer still to run (the toast hides during the next step, as it did for the user). Returns as soon as nothing
 * is pending: a page that is done costs one look. Bounded by `until` and MAX_LATER_CAPTURES. Adds the time to
 * `timing.watchMs`.
 */
export async function watchLater(page: Page, log: PageLog, opts: WatchOptions, read: ReadState, timing: StepTiming): Promise<LaterCapture[]> {
  const start = Date.now();
  const out: LaterCapture[] = [];
  let seen = opts.capturedAt;
  let last = JSON.stringify(opts.tree);
  // A timer that just ran may change the page in its next frame: one more look before calling the page done.
  let timerWasPending = false;
  try {
    while (!page.isClosed() && Date.now() < opts.until && out.length < MAX_LATER_CAPTURES) {
      if (log.navigating(opts.navigationTimeoutMs) || log.requestsInFlight()) {
        await sleep(POLL_MS);
        continue;
      }
      let state: WatchState | null;
      try {
        state = await page.evaluate<WatchState | null>(`(${WATCH_PROBE_SCRIPT})(${JSON.stringify([opts.since, opts.since - WATCH_CAP_MS])})`);
      } catch {
        // The document went away under the evaluation: a navigation committed; look again.
        await sleep(POLL_MS);
        continue;
      }
      if (state === null) break; // an error page: nothing runs in it
      const changed = state.lastMutation > seen;
      if (changed && state.now - state.lastMutation >= QUIET_MS && log.networkQuietMs() >= QUIET_MS) {
        seen = state.lastMutation;
        const now = await read();
        if (!now) break;
        const key = JSON.stringify(now.tree);
        if (key !== last) out.push({ at: state.lastMutation - opts.actedAt, ...now });
        last = key;
        continue;
      }
      if (changed || state.animating || log.networkQuietMs() < QUIET_MS) {
        await sleep(POLL_MS);
        continue;
      }
      if (state.nextTimer === 0) {
        if (!timerWasPending) break; // nothing of the event's is left to change the page
        timerWasPending = false;
        await sleep(POLL_MS);
        continue;
      }
      timerWasPending = true;
      await sleep(Math.max(POLL_MS, Math.min(IDLE_POLL_MS, state.nextTimer - state.now + POLL_MS, opts.until - Date.now())));
    }
  } finally {
    timing.watchMs = (timing.watchMs ?? 0) + (Date.now() - start);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
