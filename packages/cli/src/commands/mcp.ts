import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createMcpServer, type Uploader } from '@claude-scope/mcp';
import { WaitTimeoutError } from '@claude-scope/sdk';
import type { Api } from '../api.js';
import { parse } from '../args.js';
import { EXIT, usage } from '../exit.js';
import { uploadRecording } from '../upload.js';

const UPLOAD_WAIT_MS = 45_000;

/**
 * The MCP tools over stdio, for agents that start `claude-scope mcp` themselves: the same tools as the API's
 * /mcp, calling the API over HTTP with the user's token, plus upload_recording (a local path). stdout is the
 * protocol channel: nothing else may be written to it.
 */
export async function mcp(api: Api, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length) throw usage('mcp takes no arguments');
  const client = api.sdk;
  const upload: Uploader = async (req) => {
    const sessionId = await uploadRecording(api, req);
    if (!req.wait) return { sessionId, status: 'processing', lastError: null };
    try {
      // Within the time an MCP client waits for a tool; past it the agent polls with get_recording.
      const s = await api.sdk.waitForSession(sessionId, { timeoutMs: UPLOAD_WAIT_MS });
      return { sessionId, status: s.sessionStatus, lastError: s.lastError };
    } catch (err) {
      if (err instanceof WaitTimeoutError) return { sessionId, status: 'processing', lastError: null };
      throw err;
    }
  };
  const handle = serveStdio(() => createMcpServer({ api: client, upload }));
  process.stderr.write(`claude-scope MCP server on stdio (API ${api.url})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void handle.close().finally(resolve);
    process.stdin.once('end', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.OK;
}
