import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { render } from '../src/index.js';
import { loginDashboardModal } from './fixtures/analysis.js';
import { ALL_ON, TARGETS, expectWellFormed } from './helpers.js';

// Regenerate with: UPDATE_GOLDEN=1 pnpm exec vitest run --project prompt
const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe('golden prompts (login → dashboard → modal, every setting on)', () => {
  for (const target of TARGETS) {
    it(target, () => {
      const text = render(loginDashboardModal(), ALL_ON, target);
      const file = join(GOLDEN_DIR, `${target.toLowerCase().replace('_', '-')}.txt`);
      if (UPDATE) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file), `missing ${file}: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(text).toBe(readFileSync(file, 'utf8'));
      expectWellFormed(text, target);
    });
  }
});
