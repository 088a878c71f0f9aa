import type { AriaNode, DiffSummary } from '@claude-scope/contracts';

/** One UI state the user reached, in time order. */
export interface AnalysisStep {
  index: number; // 1-based
  timestamp: number; // ms into the recording
  url: string;
  pageTitle?: string;
  /** What the user did to get here, e.g. 'click button "Sign in"'; absent for the first state. */
  action?: string;
  /** Human sentences from the ARIA diff, e.g. 'dialog "Confirm order" appeared' (already computed). */
  changes: string[];
  /** Tree of this state, nodes marked added/changed/removed vs the previous step. */
  ariaTree: AriaNode[];
  diffSummary: DiffSummary;
  consoleErrors: string[];
  failedRequests: { method: string; url: string; status?: number; error?: string }[];
  /** A replayed action that could not be performed, with the reason. */
  failure?: string;
  /** data:image/png;base64,… (≤ 640 px) */
  thumbnailUrl?: string;
  /** false: no page was captured for this step (its tree is empty because nothing was read, not because the page was). */
  ariaCaptured?: boolean;
  /** Share of the screen that changed since the previous step in the video (0–1). */
  screenChange?: number;
  /**
   * Where `changes` come from: the ARIA diff (default), the ARIA diff of the video's inferred actions replayed in
   * the browser (no timeline uploaded), or the screen text the vision lane read.
   */
  changesSource?: 'aria' | 'replay' | 'video';
  /** Where the picture changed since the previous step, as shares (0–1) of the frame (for a viewer; not rendered). */
  regions?: { x: number; y: number; w: number; h: number }[];
}

export interface Analysis {
  title: string;
  notes: string | null;
  seedUrl: string;
  urls: string[];
  durationMs: number;
  steps: AnalysisStep[];
  /** Why the seed page could not be opened by the workers; the steps then come from the video alone. */
  pageUnavailable?: string;
  /** Where the steps' actions come from: an uploaded timeline, or none (absent in analyses stored before). */
  timelineSource?: 'upload' | 'none';
  /** No timeline was uploaded and the seed page opened: how many of the actions inferred from the video the browser replayed. */
  inferredReplay?: { events: number; replayed: number };
}

export interface PromptOptions {
  includeScreenshots: boolean;
  inlineAriaTree: boolean;
  includeRawDiff: boolean;
  /** Upper bound on the prompt's length in characters; default DEFAULT_MAX_CHARS. */
  maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 60_000;
