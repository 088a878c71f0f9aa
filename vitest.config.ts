import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'services/*', 'infra'],
    // Integration tests start real processes and browsers: generous, but a hang still fails.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
