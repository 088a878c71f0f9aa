import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest test files (seconds on 2 cores, clean clone), started first. Vitest orders a fresh clone's files by
 * project name, then by size: the worker's small files that generate recordings or run whole sessions came last,
 * one of them running alone at the end.
 */
const LONGEST_FIRST = [
  'services/worker/test/replay-fidelity.test.ts', // ~190 s: makes the 4 validation recordings
  'services/worker/test/vision-e2e.test.ts',
  'services/worker/test/playwright-lane.test.ts',
  'services/worker/test/failures.test.ts',
  'services/worker/test/inferred-replay.test.ts',
  'services/web/test/e2e/app.test.ts',
  'services/worker/test/robustness.test.ts',
  'services/worker/test/prompt-e2e.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => LONGEST_FIRST.findIndex((p) => f.moduleId.endsWith(p));
    const sorted = await super.sort(files);
    const first = sorted.filter((f) => rank(f) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...first, ...sorted.filter((f) => rank(f) < 0)];
  }
}

export default defineConfig({
  test: {
    projects: ['packages/*', 'services/*', 'infra'],
    // Vitest's default (cores − 1) runs one file at a time on 2 cores, though the integration files mostly wait on
    // workers, browsers and queues: two at a time took the suite from 896 s to 708 s on 2 cores (clean clone). Each
    // file has its own database, queue prefix and (where it lists every object) bucket, so files do not see each other.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
  },
});
