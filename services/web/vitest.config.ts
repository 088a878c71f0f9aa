import { project } from '../../vitest.shared.js';

// Component tests opt into happy-dom per file; the end-to-end tests run in node and drive Chromium against
// the production build, made once for the project (global-build.ts) so parallel files never rebuild it.
export default project({
  test: {
    name: 'web',
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/e2e/global-build.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
