import type { LaneStatus, ProcessingStatus } from '@claude-scope/contracts';

export function initialProcessingStatus(now = new Date()): ProcessingStatus {
  const pending = (): LaneStatus => ({ status: 'pending', progress: 0 });
  return {
    overallStage: 'queued',
    videoLane: pending(),
    playwrightLane: pending(),
    synthesis: pending(),
    lastUpdated: now.toISOString(),
  };
}
