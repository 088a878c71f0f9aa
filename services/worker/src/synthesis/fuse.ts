import { describeChanges, diffTrees } from '@claude-scope/aria';
import type { AriaNode, DiffSummary, FrameAction, TimelineEvent } from '@claude-scope/contracts';
import type { Analysis, AnalysisStep } from '@claude-scope/prompt';
import { isMasked, isSecretField } from '@claude-scope/secrets';
import type { FailedRequest, PlaywrightStep, VideoLaneResult, VisionFrame } from '@claude-scope/pipeline';
import { frameActions } from '@claude-scope/vision';
import { recordingOriginOf, replayUrl } from '../playwright/origin.js';
import { pairCapture } from './pairing.js';

/**
 * Fusion, pure: each video frame gets the tree of the latest Playwright step at or before its timestamp — of that
 * step's captures, the one whose moment matches the frame's (pairing.ts: a frame showing a toast gone gets the
 * state captured after it hid) — and the diff from the previous frame's tree; steps between two frames are folded
 * into the later one.
 */
export interface FusedFrame {
  timestamp: number;
  url: string;
  imageKey: string | null;
  thumbnailUrl: string;
  ariaTree: AriaNode[];
  diffSummary: DiffSummary;
  /** For the prompt: what happened since the previous frame. */
  actions: string[];
  pageTitle: string;
  changes: string[];
  consoleErrors: string[];
  failedRequests: FailedRequest[];
  failures: string[];
  /** false: no page was captured for this frame (the seed could not be opened): an empty tree means "not read". */
  ariaCaptured: boolean;
  /** Share of the screen that changed since the previous frame, from the video (0–1). */
  screenChange: number;
  /** What the user did just before, as data: the uploaded timeline's event, else the vision lane's inference. */
  action: FrameAction | null;
  /** What changed in words: the ARIA diff's sentences where it has any, else what the vision lane read. */
  description: string;
  /** Where `changes` come from: an ARIA diff (of the uploaded timeline's replay, or of the inferred events' replay), or the video. */
  changesSource: 'aria' | 'replay' | 'video';
  /** Where the picture changed since the previous frame, as shares (0–1) of the frame's width and height. */
  regions: { x: number; y: number; w: number; h: number }[];
}

export interface FuseInput {
  seedUrl: string;
  timeline: TimelineEvent[] | null;
  video: VideoLaneResult;
  steps: PlaywrightStep[];
  /** The seed page could not be opened: `steps` hold the timeline's events without trees. */
  pageUnavailable?: boolean;
  /** The vision lane's reading of each keyframe (by timestamp); absent when it read nothing. */
  vision?: readonly VisionFrame[];
}

export function describeEvent(e: TimelineEvent): string {
  switch (e.type) {
    case 'navigate':
      return `navigate to ${e.url}`;
    case 'click':
      return `click ${e.role} "${e.name}"`;
    case 'fill':
      // The shared secret-field rule, and a value masked earlier (at upload, or by the lane): never quoted.
      return isSecretField(e.name) || isMasked(e.value)
        ? `fill ${e.role} "${e.name}" (value masked)`
        : `fill ${e.role} "${e.name}" with "${e.value}"`;
    case 'press':
      return `press ${e.key}`;
    case 'scroll':
      return `scroll ${e.dy >= 0 ? 'down' : 'up'} ${Math.abs(e.dy)} px`;
  }
}

/**
 * The steps a timeline describes, for a seed page the browser could not open: each event at its time, with the
 * URL its navigations lead to and no tree, so frames still get their actions and URLs from the timeline.
 */
export function timelineSteps(seedUrl: string, timeline: TimelineEvent[] | null): PlaywrightStep[] {
  let url = seedUrl;
  const none = { title: '', tree: [], consoleErrors: [], failedRequests: [] };
  const steps: PlaywrightStep[] = [{ t: 0, url, ...none }];
  for (const event of [...(timeline ?? [])].sort((a, b) => a.t - b.t)) {
    if (event.type === 'navigate') url = event.url;
    steps.push({ t: event.t, event, url, ...none });
  }
  return steps;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
/** A box in the video's pixels as shares of its size (what a client draws over any rendering of the frame). */
function share(b: { x: number; y: number; w: number; h: number }, v: { width: number; height: number }) {
  return { x: round3(b.x / v.width), y: round3(b.y / v.height), w: round3(b.w / v.width), h: round3(b.h / v.height) };
}

/** Same page: scheme, host and path equal (a query or fragment, a trailing slash aside). */
function samePage(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.host === y.host && x.pathname.replace(/\/$/, '') === y.pathname.replace(/\/$/, '');
  } catch {
    return a === b;
  }
}

/** Latest step index with t ≤ ts (steps are in time order; step 0 is the seed page at t = 0). */
function stepAt(steps: PlaywrightStep[], ts: number): number {
  let idx = 0;
  for (let i = 0; i < steps.length; i++) if (steps[i]!.t <= ts) idx = i;
  return idx;
}

/** How a frame's inferred action is marked: from the video, and whether the browser replayed it. */
function inferredNote(replayed: PlaywrightStep | undefined): string {
  if (!replayed) return 'inferred from the video';
  return replayed.failure ? `inferred from the video; not replayed: ${replayed.failure}` : 'inferred from the video, replayed in the browser';
}

/** A frame's inferred actions in words (`frameActions`: a value submitted with Enter is two), each marked by its replay. */
function inferredActions(v: VisionFrame, replayed: readonly PlaywrightStep[]): string[] {
  const actions = frameActions(v);
  // Its events are the last steps folded into this frame, in order (none when nothing was replayed).
  const offset = replayed.length - actions.length;
  return actions.map((a, i) => `${describeEvent(a)} (${inferredNote(offset >= 0 ? replayed[offset + i] : undefined)})`);
}

export function fuseFrames(input: FuseInput): FusedFrame[] {
  const { steps } = input;
  const hasTimeline = !!input.timeline?.length;
  // Without a timeline the steps after the seed are the vision lane's inferred events, replayed where possible.
  const replay = hasTimeline ? undefined : { seedUrl: input.seedUrl, recordingOrigin: recordingOriginOf(input.vision ?? [], input.seedUrl) };
  const onSeedOrigin = (url: string) => (replay ? replayUrl(url, replay) ?? url : url);
  const frames = [...input.video.frames].sort((a, b) => a.timestamp - b.timestamp);
  const seen = new Map((input.vision ?? []).map((v) => [v.timestamp, v]));
  const out: FusedFrame[] = [];
  let prevTree: AriaNode[] | null = null;
  let prevTreeUrl = '';
  let prevStep = -1;
  for (const f of frames) {
    const si = steps.length ? stepAt(steps, f.timestamp) : -1;
    const step = si >= 0 ? steps[si] : undefined;
    // The state of the step the frame shows: its capture, or one the page reached on its own before the next event.
    const state = step ? pairCapture(step, f.timestamp - step.t).state : undefined;
    const v = seen.get(f.timestamp);
    // Steps reached since the previous frame: their actions, errors and failures belong to this frame.
    const folded = si > prevStep ? steps.slice(prevStep + 1, si + 1) : [];
    const events = folded.flatMap((s) => (s.event ? [s.event] : []));
    // Without a timeline: this frame's inferred event as the replay performed it, or could not (then the frame
    // stays as the video observed it: no tree, its changes read off the screen).
    const replayedSteps = replay ? folded.filter((s) => s.event) : [];
    const replayed = replayedSteps.at(-1);
    // A frame whose address bar shows another page than the browser reached has no tree of its own (the browser's
    // would claim elements the user did not see).
    const elsewhere = !hasTimeline && !!v?.url && !!state && !samePage(onSeedOrigin(v.url), state.url);
    const captured = !input.pageUnavailable && !elsewhere && !replayed?.failure;
    const tree = state?.tree ?? [];
    // No tree where none was captured, and no diff against one: the next captured frame diffs against the last.
    // After a navigation the page's elements are other elements: nothing is renamed across pages.
    const acrossPages = !!prevTree && !!state && !samePage(prevTreeUrl, state.url);
    const { tree: marked, summary } = captured ? diffTrees(prevTree, tree, { acrossPages }) : { tree: [], summary: { added: 0, changed: 0, removed: 0 } };
    // An uploaded timeline always wins over inference; without one, the vision lane says what the user did.
    const action: FrameAction | null = hasTimeline
      ? events.length ? { ...events.at(-1)!, source: 'timeline' } : null
      : v?.action ?? null;
    const ariaChanges = prevTree ? describeChanges(marked) : [];
    const videoChanges = out.length ? v?.changes ?? [] : [];
    const fromAria = ariaChanges.length > 0 || videoChanges.length === 0;
    const changesSource = !fromAria ? 'video' : replay && ariaChanges.length > 0 ? 'replay' : 'aria';
    const changes = fromAria ? ariaChanges : videoChanges;
    // The address bar's URL where the recording shows one; else the page the browser reached (the seed, or where
    // the replayed events led).
    const browserUrl = state && (hasTimeline || si > 0) ? state.url || input.seedUrl : input.seedUrl;
    out.push({
      timestamp: f.timestamp,
      url: hasTimeline ? browserUrl : v?.url ?? browserUrl,
      imageKey: f.imageKey,
      thumbnailUrl: f.thumbnailUrl,
      ariaTree: marked,
      diffSummary: summary,
      actions: hasTimeline ? events.map(describeEvent) : v ? inferredActions(v, replayedSteps) : [],
      pageTitle: (captured ? state?.title || v?.pageTitle : v?.pageTitle || state?.title) || '',
      changes,
      changesSource,
      action,
      description: changes.join('; '),
      regions: (v?.regions ?? []).map((b) => share(b, input.video)),
      consoleErrors: folded.flatMap((s) => s.consoleErrors),
      failedRequests: folded.flatMap((s) => s.failedRequests),
      // An inferred event the replay could not perform is no failure of the page (its action says why).
      failures: hasTimeline ? folded.flatMap((s) => (s.failure ? [s.failure] : [])) : [],
      ariaCaptured: captured,
      screenChange: out.length ? f.score : 1,
    });
    if (captured) {
      prevTree = tree;
      prevTreeUrl = state?.url ?? '';
    }
    prevStep = Math.max(prevStep, si);
  }
  return out;
}

/** Distinct URLs in first-visit order: the seed, timeline navigations, final URLs after redirects, frames. */
export function visitedUrls(seedUrl: string, steps: PlaywrightStep[], frames: { url: string }[]): string[] {
  const seen = new Set<string>();
  const add = (u: string | undefined) => {
    if (u && /^https?:\/\//i.test(u)) seen.add(u);
  };
  add(seedUrl);
  for (const s of steps) {
    if (s.event?.type === 'navigate') add(s.event.url);
    add(s.url);
    for (const c of s.later ?? []) add(c.url);
  }
  for (const f of frames) add(f.url);
  return [...seen];
}

export function toAnalysis(
  session: { title: string; notes: string | null; seedUrl: string; hasTimeline: boolean; pageUnavailable?: string; inferredReplay?: Analysis['inferredReplay'] },
  frames: FusedFrame[],
  urls: string[],
  durationMs: number,
): Analysis {
  const steps: AnalysisStep[] = frames.map((f, i) => ({
    index: i + 1,
    timestamp: f.timestamp,
    url: f.url,
    ...(f.pageTitle ? { pageTitle: f.pageTitle } : {}),
    ...(f.actions.length ? { action: f.actions.join('; then ') } : {}),
    changes: f.changes,
    ariaTree: f.ariaTree,
    diffSummary: f.diffSummary,
    consoleErrors: f.consoleErrors,
    failedRequests: f.failedRequests,
    ...(f.failures.length ? { failure: f.failures.join('; ') } : {}),
    thumbnailUrl: f.thumbnailUrl,
    ...(f.ariaCaptured ? {} : { ariaCaptured: false }),
    ...(f.changesSource !== 'aria' ? { changesSource: f.changesSource } : {}),
    ...(f.regions.length ? { regions: f.regions } : {}),
    screenChange: f.screenChange,
  }));
  return {
    title: session.title,
    notes: session.notes,
    seedUrl: session.seedUrl,
    urls,
    durationMs,
    steps,
    timelineSource: session.hasTimeline ? 'upload' : 'none',
    ...(session.pageUnavailable ? { pageUnavailable: session.pageUnavailable } : {}),
    ...(session.inferredReplay ? { inferredReplay: session.inferredReplay } : {}),
  };
}

/** Without a timeline, with the seed page opened: how many inferred events the replay performed. */
export function inferredReplayCounts(steps: PlaywrightStep[]): { events: number; replayed: number } {
  const events = steps.filter((s) => s.event);
  return { events: events.length, replayed: events.filter((s) => !s.failure).length };
}
