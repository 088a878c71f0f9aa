import type { AriaNode, TimelineEvent } from '@claude-scope/contracts';
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
  frames: { timestamp: number; imageKey: string; thumbnailUrl: string; score: number }[];
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

export interface LaneResultByName {
  video: VideoLaneResult;
  playwright: PlaywrightLaneResult;
}

// A lane added to the job table without its result type here does not compile (and neither does a stale entry).
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyLaneHasAResult: Exactly<keyof LaneResultByName, LaneJobName> = true;
void everyLaneHasAResult;
