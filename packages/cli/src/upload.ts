import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError, type AgentTarget, type UploadProgress } from '@claude-scope/sdk';
import { fileFromPath } from '@claude-scope/sdk/node';
import type { UploadRequest } from '@claude-scope/mcp';
import { cliError, type Api } from './api.js';
import { usage } from './exit.js';

/** The fields of an upload, as the MCP server's upload_recording takes them (one definition for both). */
export type UploadFields = Omit<UploadRequest, 'wait'>;

/** POST /api/recordings?wait=false, the file streamed by the SDK with progress; answers the new session's id. */
export async function uploadRecording(api: Api, f: UploadFields, onProgress?: (p: UploadProgress) => void): Promise<string> {
  const file = await fileFromPath(f.path).catch(() => {
    throw usage(`Cannot read ${f.path}: no such file`);
  });
  let timeline: string | undefined;
  if (f.timelinePath !== undefined) {
    try {
      timeline = readFileSync(f.timelinePath, 'utf8');
      if (!Array.isArray(JSON.parse(timeline))) throw new Error('not an array');
    } catch {
      throw usage(`${f.timelinePath} is not a JSON array of timeline events`);
    }
  }
  try {
    const res = await api.sdk.uploadRecording({
      file,
      title: f.title ?? path.basename(f.path),
      seedUrl: f.seedUrl,
      ...(f.notes !== undefined ? { notes: f.notes } : {}),
      ...(f.agentTarget !== undefined ? { agentTarget: f.agentTarget as AgentTarget } : {}),
      ...(timeline !== undefined ? { timeline } : {}),
      wait: false,
      ...(onProgress ? { onProgress } : {}),
    });
    return res.sessionId;
  } catch (err) {
    throw err instanceof ApiError ? cliError(err) : err;
  }
}
