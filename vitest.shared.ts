import { defineProject, mergeConfig, type UserWorkspaceConfig } from 'vitest/config';

/**
 * Every package's vitest project starts from this: workspace packages resolve to their TypeScript
 * source through the "source" export condition, so tests never need a build.
 */
const conditions = ['source', 'node'];

export function project(overrides: UserWorkspaceConfig = {}) {
  return mergeConfig(
    defineProject({
      resolve: { conditions },
      ssr: { resolve: { conditions, externalConditions: ['source'] } },
      // Integration tests start real processes and browsers: generous, but a hang still fails.
      test: { environment: 'node', testTimeout: 60_000, hookTimeout: 120_000 },
    }),
    overrides,
  );
}
