/**
 * Normalises an Analysis into the data every format renders: every string redacted and made single-line (or
 * normalised multi-line for user notes), lists capped, UI states deduplicated. Formats never see raw input.
 */
import type { Analysis, AnalysisStep } from './analysis.js';
import { redactSecrets } from './redact.js';
import { capLines, createTreeCache, renderTree, stateSignature } from './tree-text.js';
import { formatTime, multiLine, oneLine } from './text.js';

const LIMITS = {
  title: 500,
  notes: 2000,
  url: 500,
  text: 300, // page titles, actions, change sentences, failures
  consoleError: 500,
  changes: 40,
  consoleErrors: 20,
  failedRequests: 20,
  urls: 500,
  treeLines: 150,
  rawDiffLines: 200,
  screenshotChars: 2_000_000,
};

// Only well-formed base64 image data URLs: anything else could break out of ![…](…) or smuggle text.
const DATA_URL = /^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** A state the user saw: either a new set of interactive elements, or one seen before. */
export type UiView =
  | { kind: 'snapshot'; lines: string[]; /** changes-only form for a tight budget; absent for the baseline */ diffLines?: string[] }
  | { kind: 'same'; sameAs: number; diffLines: string[]; /** identical to the previous step */ unchanged: boolean };

export interface StepModel {
  index: number;
  time: string;
  url: string;
  pageTitle?: string;
  action?: string;
  changes: string[];
  changesMore: number;
  consoleErrors: string[];
  consoleErrorsMore: number;
  failedRequests: string[];
  failedRequestsMore: number;
  failure?: string;
  /** A console error, a failed request or a failed action happened here. */
  hasProblem: boolean;
  /** The tree differs from the previous step (always true for the first step). */
  treeChanged: boolean;
  ui: UiView;
  rawDiff: string[];
  screenshot?: string;
  /** false: the page was not captured for this step, so an empty change list says nothing about the UI. */
  ariaCaptured: boolean;
  /** Share of the screen that changed in the video since the previous step (0–1), when known. */
  screenChange?: number;
  /** No timeline was uploaded: a step without an action has an unknown one, not none. */
  actionUnknown: boolean;
  /** The changes were read off the screen by the vision lane, not taken from the page's ARIA tree. */
  changesFromVideo: boolean;
  /** The changes are the ARIA diff of actions inferred from the video and replayed in the browser. */
  changesFromReplay: boolean;
}

export interface Issue {
  step: number;
  kind: 'failure' | 'console' | 'request';
  text: string;
}

export interface PromptModel {
  title: string;
  notes: string | null;
  seedUrl: string;
  urls: string[];
  duration: string;
  steps: StepModel[];
  issues: Issue[];
  /** Steps whose thumbnail was present but not a well-formed image data URL. */
  invalidScreenshots: number[];
  /** Why the seed page could not be opened (redacted, one line); null when it was. */
  pageUnavailable: string | null;
  /** How many of the actions inferred from the video the browser replayed (no timeline uploaded); null otherwise. */
  inferredReplay: { events: number; replayed: number } | null;
}

const text = (s: unknown, max = LIMITS.text) => oneLine(redactSecrets(String(s ?? '')), max);

function capList(items: unknown, max: number, each: (s: unknown) => string): [string[], number] {
  const list = (Array.isArray(items) ? items : []).map(each).filter((s) => s.length > 0);
  return [list.slice(0, max), Math.max(0, list.length - max)];
}

function formatRequest(r: AnalysisStep['failedRequests'][number]): string {
  const method = /^[A-Za-z]{1,10}$/.test(String(r?.method ?? '')) ? String(r.method).toUpperCase() : 'REQUEST';
  const status = typeof r?.status === 'number' && Number.isFinite(r.status) ? String(r.status) : 'no response';
  const error = r?.error ? ` (${text(r.error, 200)})` : '';
  return `${method} ${text(r?.url, LIMITS.url)} → ${status}${error}`;
}

export function buildModel(analysis: Analysis): PromptModel {
  const cache = createTreeCache();
  const seen = new Map<string, number>(); // state signature → first step that showed it
  let previous: { signature: string; index: number } | undefined;
  const invalidScreenshots: number[] = [];
  const inputSteps = Array.isArray(analysis.steps) ? analysis.steps : [];

  const steps = inputSteps.map((s, i): StepModel => {
    const index = Number.isInteger(s.index) && s.index > 0 ? s.index : i + 1;
    const tree = Array.isArray(s.ariaTree) ? s.ariaTree : [];
    const url = text(s.url, LIMITS.url);
    const [changes, changesMore] = capList(s.changes, LIMITS.changes, (c) => text(c));
    const [consoleErrors, consoleErrorsMore] = capList(s.consoleErrors, LIMITS.consoleErrors, (c) => text(c, LIMITS.consoleError));
    const [failedRequests, failedRequestsMore] = capList(s.failedRequests, LIMITS.failedRequests, (r) =>
      formatRequest(r as AnalysisStep['failedRequests'][number]),
    );
    const failure = s.failure ? text(s.failure) : undefined;
    const d = s.diffSummary ?? { added: 0, changed: 0, removed: 0 };
    // A step whose page was not captured may have changed anything: its screenshot is the evidence.
    const treeChanged = i === 0 || s.ariaCaptured === false || d.added + d.changed + d.removed > 0 || changes.length > 0;

    const diffLines = () =>
      capLines(renderTree(tree, { filter: 'interactive', mode: 'diff', collapseRemoved: true }, cache), LIMITS.treeLines);
    const signature = stateSignature(url, tree, cache);
    const earlier = seen.get(signature);
    let ui: UiView;
    if (earlier !== undefined) {
      const diff = diffLines();
      const unchanged = signature === previous?.signature && diff.length === 0;
      ui = { kind: 'same', sameAs: unchanged ? previous!.index : earlier, diffLines: diff, unchanged };
    } else {
      seen.set(signature, index);
      const lines = capLines(
        renderTree(tree, { filter: 'interactive', mode: 'snapshot', collapseRemoved: true }, cache),
        LIMITS.treeLines,
      );
      ui = i === 0 ? { kind: 'snapshot', lines } : { kind: 'snapshot', lines, diffLines: diffLines() };
    }

    previous = { signature, index };

    let screenshot: string | undefined;
    if (typeof s.thumbnailUrl === 'string' && s.thumbnailUrl !== '') {
      if (s.thumbnailUrl.length <= LIMITS.screenshotChars && DATA_URL.test(s.thumbnailUrl)) screenshot = s.thumbnailUrl;
      else invalidScreenshots.push(index);
    }

    return {
      index,
      time: formatTime(s.timestamp),
      url,
      ...(s.pageTitle ? { pageTitle: text(s.pageTitle) } : {}),
      ...(s.action ? { action: text(s.action) } : {}),
      changes,
      changesMore,
      consoleErrors,
      consoleErrorsMore,
      failedRequests,
      failedRequestsMore,
      ...(failure ? { failure } : {}),
      hasProblem: consoleErrors.length > 0 || failedRequests.length > 0 || !!failure,
      treeChanged,
      ui,
      rawDiff:
        i === 0
          ? []
          : capLines(renderTree(tree, { filter: 'all', mode: 'diff', collapseRemoved: false }, cache), LIMITS.rawDiffLines, 'node'),
      ...(screenshot ? { screenshot } : {}),
      ariaCaptured: s.ariaCaptured !== false,
      ...(typeof s.screenChange === 'number' && Number.isFinite(s.screenChange) ? { screenChange: Math.min(1, Math.max(0, s.screenChange)) } : {}),
      actionUnknown: analysis.timelineSource === 'none',
      changesFromVideo: s.changesSource === 'video',
      changesFromReplay: s.changesSource === 'replay',
    };
  });

  const issues: Issue[] = steps.flatMap((s) => [
    ...(s.failure ? [{ step: s.index, kind: 'failure' as const, text: s.failure }] : []),
    ...s.consoleErrors.map((e) => ({ step: s.index, kind: 'console' as const, text: e })),
    ...s.failedRequests.map((r) => ({ step: s.index, kind: 'request' as const, text: r })),
  ]);

  const urls = [...new Set((Array.isArray(analysis.urls) ? analysis.urls : []).map((u) => text(u, LIMITS.url)))]
    .filter((u) => u.length > 0)
    .slice(0, LIMITS.urls);

  return {
    title: text(analysis.title, LIMITS.title) || 'Untitled recording',
    notes: analysis.notes ? multiLine(redactSecrets(analysis.notes), LIMITS.notes) || null : null,
    seedUrl: text(analysis.seedUrl, LIMITS.url),
    urls: urls.length > 0 ? urls : [...new Set(steps.map((s) => s.url))],
    duration: formatTime(analysis.durationMs),
    steps,
    issues,
    invalidScreenshots,
    pageUnavailable: analysis.pageUnavailable ? text(analysis.pageUnavailable) || null : null,
    inferredReplay: replayCounts(analysis.inferredReplay),
  };
}

function replayCounts(r: Analysis['inferredReplay']): PromptModel['inferredReplay'] {
  const count = (n: unknown) => (Number.isInteger(n) && (n as number) >= 0 ? (n as number) : null);
  const events = count(r?.events);
  const replayed = count(r?.replayed);
  return events !== null && replayed !== null && replayed <= events ? { events, replayed } : null;
}
