import type { ProcessingResponse } from '@claude-scope/contracts';
import { processingTimeOf, toFrame, type FrameRow, type SessionRow } from '@claude-scope/db';
import { withEveryLane } from '@claude-scope/pipeline';

/** The upload's answer, built from the session row (and its frames once complete). */
export function toProcessingResponse(row: SessionRow, frameRows: FrameRow[] = []): ProcessingResponse {
  const frames = frameRows.map(toFrame);
  return {
    sessionId: row.id,
    status: row.status,
    title: row.title,
    seedUrl: row.seedUrl ?? '',
    agentTarget: row.agentTarget,
    fileSize: row.fileSize ?? 0,
    mimeType: row.mimeType ?? '',
    prompt: row.prompt,
    frames,
    frameCount: row.status === 'complete' ? row.frameCount : frames.length,
    urls: row.urls,
    urlCount: row.urlCount,
    duration: row.duration,
    processingMs: processingTimeOf(row),
    processingStatus: row.processingStatus ? withEveryLane(row.processingStatus) : null,
  };
}
