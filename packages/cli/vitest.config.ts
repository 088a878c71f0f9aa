import { project } from '../../vitest.shared.js';

export default project({
  test: {
    name: 'cli',
    // Each test runs the CLI as child processes, a dozen or so: slow on a busy machine, not stuck.
    testTimeout: 180_000,
    // eventsource (under the MCP client) exports its TypeScript source under the "source" condition we resolve
    // workspace packages with: let vite transform it rather than Node load it.
    server: { deps: { inline: ['@modelcontextprotocol/client', 'eventsource'] } },
  },
});
