import type { McpServer } from '@modelcontextprotocol/server';
import type { ApiClient } from '../api.js';

/** What the CLI's upload_recording needs: a local file sent to the API, waited for or not. */
export interface UploadRequest {
  path: string;
  seedUrl: string;
  title?: string | undefined;
  notes?: string | undefined;
  agentTarget?: string | undefined;
  timelinePath?: string | undefined;
  wait: boolean;
}

export interface UploadOutcome {
  sessionId: string;
  status: string;
  lastError: string | null;
}

export type Uploader = (req: UploadRequest) => Promise<UploadOutcome>;

export interface ToolContext {
  api: ApiClient;
  /** Only over stdio: a local path means nothing to a remote server. */
  upload?: Uploader;
}

export type RegisterTool = (server: McpServer, ctx: ToolContext) => void;

export const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
