import type { AriaNode, FrameAction, TimelineEvent } from '@claude-scope/contracts';
import type { LaneJobName } from './jobs.js';

/**
 * What each lane stores (lane_results) for the job that completes the session: written by the lane's
 * handler, read by synthesis, typed end to end through the repositories.
 */

/** The video lane's result. */
export interface VideoLaneResult {
  durationMs: number;
  width: number;
  height: number;
  /**
   * `fromMs`: the earliest frame already showing the state (the change happened before it; absent before the vision
   * lane). `typed`: a frame showing text typed before the state that no keyframe shows (a value submitted with Enter),
   * with where the typing caret stood (the video's pixels); `whole` when it is from after the last character.
   * `returned`: the frame shows the previous frame's state come back after another showed from `fromMs` to `untilMs`
   * without ever holding still (a spinner turning in it: a retry that failed the same way), differing within `box`.
   */
  frames: { timestamp: number; imageKey: string; thumbnailUrl: string; score: number; fromMs?: number; typed?: TypedFrameRef; returned?: ReturnedSpan }[];
  /** Where the pointer moved, in the video's pixels (absent before the vision lane; empty when none is drawn). */
  pointer?: { t: number; x: number; y: number }[];
  /** The playback copy stored for the session page's player (sessions that keep one: `keepPlayback`). */
  playbackKey?: string;
}

/**
 * See VideoLaneResult.frames' `returned`: ms into the recording, and where the state in between differed (the
 * video's pixels).
 */
export interface ReturnedSpan {
  fromMs: number;
  untilMs: number;
  box: { x: number; y: number; w: number; h: number };
}

/** See VideoLaneResult.frames' `typed`. */
export interface TypedFrameRef {
  timestamp: number;
  imageKey: string;
  whole: boolean;
  x: number;
  y: number;
}

export interface FailedRequest {
  method: string;
  url: string;
  status?: number;
  error?: string;
}

/** One state the Playwright lane captured: the seed page, then one per replayed timeline event. */
export interface PlaywrightStep {
  /** ms into the recording: 0 for the seed page, the event's `t` otherwise. */
  t: number;
  event?: TimelineEvent;
  url: string;
  title: string;
  tree: AriaNode[];
  consoleErrors: string[];
  failedRequests: FailedRequest[];
  /** Why the event could not be performed (the lane goes on). */
  failure?: string;
  /** Where the step's replay time went; absent on results stored before it was measured. */
  timing?: StepTiming;
  /** ms after the event (the seed: after its load began) at which `tree` was read; absent on older results. */
  at?: number;
  /**
   * States the page passed through on its own after `tree` and before the next event (a toast hiding, a spinner
   * ending), each captured once it held still: few, distinct, in time order. Synthesis pairs each video frame with
   * the capture whose moment matches the frame's (synthesis/pairing.ts). Absent when the page stayed as captured.
   */
  later?: LaterCapture[];
}

/** A state of the page after its step's capture: when it settled, ms after the step's event. */
export interface LaterCapture {
  at: number;
  url: string;
  title: string;
  tree: AriaNode[];
}

/** What the lane waited for after an event before capturing; the first still busy is charged for the time. */
export type SettleWait = 'navigation' | 'network' | 'response' | 'animation' | 'dom';

/** Where one step's replay time went, in ms (for benchmarks: per-event cost and what it was spent on). */
export interface StepTiming {
  /** Performing the event: Playwright's actionability checks and the action (a `navigate` event: the page load). */
  actionMs: number;
  /** Waiting after it until the page had responded and held still (the seed: after it loaded). */
  settleMs: number;
  /**
   * settleMs by what it waited for: a navigation to commit and parse, requests in flight, a response the page
   * scheduled (a timer it set, nothing shown yet), animations and transitions, the DOM to stop changing.
   */
  waits: Record<SettleWait, number>;
  /** Reading the accessibility tree, title and URL. */
  captureMs: number;
  /**
   * After the capture, watching for states the page reaches on its own before the next event's time (a toast's
   * hide timer, a spinner's end), and capturing them: see `PlaywrightStep.later`. Absent on older results.
   */
  watchMs?: number;
  /** The page was still busy with this at the settle cap, and was captured as it was then ('page kept changing'). */
  keptChanging?: SettleWait;
}

/** The Playwright lane's result. */
export interface PlaywrightLaneResult {
  steps: PlaywrightStep[];
  /**
   * Why the seed page could not be opened (unreachable, blocked by the SSRF policy, never finished loading):
   * the session then completes from the video alone, with no steps here.
   */
  unavailable?: string;
}

/** What the vision lane read off one keyframe, and inferred from it and the one before. */
export interface VisionFrame {
  /** The keyframe's timestamp (the video lane's), which synthesis matches on. */
  timestamp: number;
  /** Where it differs from the previous keyframe, in the video's pixels (absent in results stored before). */
  regions?: { x: number; y: number; w: number; h: number }[];
  /** What changed, in sentences (screen text, masked): 'text "Incorrect password" appeared'. */
  changes: string[];
  /** What the user did just before it, inferred (source "video"); null when nothing can be said. */
  action: FrameAction | null;
  /** The action is a fill then submitted with Enter (the field cleared as the page answered): replayed as both. */
  submitted?: boolean;
  /** The address bar's URL, where the recording shows one. */
  url?: string;
  /** The tab's title, where a tab strip shows one. */
  pageTitle?: string;
}

/** The vision lane's result: per keyframe, in time order (absent when the lane failed: it is optional). */
export interface VisionLaneResult {
  frames: VisionFrame[];
}

export interface LaneResultByName {
  video: VideoLaneResult;
  playwright: PlaywrightLaneResult;
  vision: VisionLaneResult;
}

// A lane added to the job table without its result type here does not compile (and neither does a stale entry).
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyLaneHasAResult: Exactly<keyof LaneResultByName, LaneJobName> = true;
void everyLaneHasAResult;
