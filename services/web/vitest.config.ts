import { project } from '../../vitest.shared.js';

// Component tests opt into happy-dom per file; the end-to-end test runs in node and drives Chromium.
export default project({ test: { name: 'web', include: ['test/**/*.test.{ts,tsx}'], testTimeout: 120_000, hookTimeout: 180_000 } });
