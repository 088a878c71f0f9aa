import { project } from '../../vitest.shared.js';

export default project({
  test: {
    name: 'api',
    // eventsource (under the MCP client) exports its TypeScript source under the "source" condition we resolve
    // workspace packages with: let vite transform it rather than Node load it.
    server: { deps: { inline: ['@modelcontextprotocol/client', 'eventsource'] } },
  },
});
