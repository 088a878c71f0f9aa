/**
 * The page's side of settling: what only the page can tell — when its DOM last changed, which timers it set
 * and has not run yet, which animations and transitions are running. Strings, not functions: tsx/esbuild wrap
 * named inner functions in a `__name` helper that does not exist in the page.
 */

// Mutations of one node less than this apart are one run of changes (a ticking clock, an animation).
export const RUN_GAP_MS = 300;

/**
 * In every document from its start (an init script, before the page's own scripts): a MutationObserver keeping,
 * per node that changed lately, when its current run of changes began and when it last changed; and setTimeout
 * wrapped to keep the timers not yet run (when their chain began, due). Date.now and requestAnimationFrame are taken first, so
 * a page replacing them does not fool the wait.
 */
export const SETTLE_INIT_SCRIPT = `(() => {
  if (window.__claudeScopeSettle) return;
  const now = Date.now.bind(Date);
  const state = { now, origin: performance.timeOrigin, runs: new Map(), timers: new Map(), mark: -1, frames: 0,
    raf: window.requestAnimationFrame.bind(window) };
  Object.defineProperty(window, '__claudeScopeSettle', { value: state });
  new MutationObserver((records) => {
    const t = now();
    for (const r of records) {
      const run = state.runs.get(r.target);
      if (run && t - run.last < ${RUN_GAP_MS}) run.last = t;
      else state.runs.set(r.target, { start: t, last: t });
    }
    if (state.runs.size > 500) for (const [node, run] of state.runs) if (t - run.last > 5000) state.runs.delete(node);
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const setT = window.setTimeout, clearT = window.clearTimeout, clearI = window.clearInterval;
  // A timer set while another runs continues its chain (a poll loop): the chain's first timer dates it.
  let chain = null;
  window.setTimeout = function (handler, delay) {
    if (typeof handler !== 'function') return setT.apply(window, arguments);
    const args = Array.prototype.slice.call(arguments, 2);
    const created = now();
    const root = chain === null ? created : chain;
    const id = setT.call(window, function () {
      state.timers.delete(id);
      const outer = chain;
      chain = root;
      try { return handler.apply(this, args); } finally { chain = outer; }
    }, delay);
    state.timers.set(id, { root, due: created + (Number(delay) || 0) });
    return id;
  };
  window.clearTimeout = function (id) { state.timers.delete(id); return clearT.apply(window, arguments); };
  window.clearInterval = function (id) { state.timers.delete(id); return clearI.apply(window, arguments); };
})()`;

/** What the probe reports; null where the init script did not run (an error page): nothing to judge there. */
export interface PageSettleState {
  /** ms since the DOM last changed, leaving out nodes that were already changing before the event. */
  sinceMutation: number;
  /** The DOM changed since the event began (the page visibly responded), background changes left out. */
  responded: boolean;
  /** Animation frames drawn since the first probe of this event (counted to 2). */
  frames: number;
  /** ms until the last timer that is part of the event's response runs (0: none pending). */
  timerLeft: number;
  /** ms until the last running finite animation or transition ends, among those ending before the deadline. */
  animationLeft: number;
  /** Endless animations started since the event (a spinner it showed), not those the page loaded with. */
  endless: number;
}

/**
 * Called with [mark, deadline, responseTimerMs] (epoch ms): the event's start, the settle cap, and how soon a
 * timer the event set must run to count as part of its response even after the page visibly responded (a
 * redirect after a "Saving…"; a toast's 2-s hide timer is not). Timers and animations past the deadline
 * would be cut by the cap anyway and are not waited for. A node whose run of changes began before the event
 * (a countdown ticking, a clock, a shimmer) is background: its changes neither show a response nor keep the
 * page from holding still; so is a timer chain begun before it (a poll loop). The first probe for a mark starts counting frames.
 */
export const SETTLE_PROBE_SCRIPT = `([mark, deadline, responseTimerMs]) => {
  const s = window.__claudeScopeSettle;
  if (!s) return null;
  const now = s.now();
  if (s.mark !== mark) {
    s.mark = mark;
    s.frames = 0;
    const tick = () => { if (++s.frames < 2) s.raf(tick); };
    s.raf(tick);
  }
  let lastMutation = 0;
  for (const run of s.runs.values()) if (run.start >= mark - ${RUN_GAP_MS}) lastMutation = Math.max(lastMutation, run.last);
  const responded = lastMutation >= mark;
  let timerLeft = 0;
  for (const t of s.timers.values()) {
    if (t.root < mark || t.due > deadline) continue;
    if (responded && t.due - mark > responseTimerMs) continue;
    timerLeft = Math.max(timerLeft, t.due - now, 1);
  }
  const nav = performance.getEntriesByType('navigation')[0];
  const loaded = s.origin + (nav && nav.domContentLoadedEventEnd ? nav.domContentLoadedEventEnd : 0);
  const since = Math.max(mark, loaded);
  let animationLeft = 0, endless = 0;
  for (const a of document.getAnimations()) {
    if (a.playState !== 'running' || !a.effect) continue;
    const timing = a.effect.getComputedTiming();
    if (timing.endTime === Infinity) {
      if (a.startTime === null || s.origin + a.startTime >= since) endless++;
      continue;
    }
    const left = (timing.endTime - (timing.localTime || 0)) / Math.abs(a.playbackRate || 1);
    if (now + left <= deadline) animationLeft = Math.max(animationLeft, left);
  }
  return { sinceMutation: now - lastMutation, responded, frames: s.frames, timerLeft, animationLeft, endless };
}`;
