import type { LaneStatus, ProcessingStatus } from '@claude-scope/contracts';

export function initialProcessingStatus(now = new Date()): ProcessingStatus {
  const pending = (): LaneStatus => ({ status: 'pending', progress: 0 });
  return {
    overallStage: 'queued',
    videoLane: pending(),
    playwrightLane: pending(),
    visionLane: pending(),
    synthesis: pending(),
    lastUpdated: now.toISOString(),
  };
}

/**
 * A stored status as the contract has it today: one written before a lane existed (a session enqueued by an
 * older API during a rolling deploy) gains that lane as `skipped`, so readers never serialise a partial status.
 */
export function withEveryLane(ps: ProcessingStatus): ProcessingStatus {
  return ps.visionLane ? ps : { ...ps, visionLane: { status: 'skipped', progress: 0 } };
}
