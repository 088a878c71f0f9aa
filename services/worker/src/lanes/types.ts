import type { AriaNode, TimelineEvent } from '@claude-scope/contracts';

/** What the video lane stores for synthesis (lane_results.video). */
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

/** What the Playwright lane stores for synthesis (lane_results.playwright). */
export interface PlaywrightLaneResult {
  steps: PlaywrightStep[];
}
