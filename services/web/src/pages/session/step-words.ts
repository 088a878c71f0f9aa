import type { DiffSummary, SessionStep } from '@claude-scope/contracts';
import { plural } from '../../lib/format';
import { describeDiff } from './DiffBadges';

/** What the user did at a frame, in words: the step's action, or what the first frame is. */
export function actionWords(step: SessionStep | undefined, index: number): string {
  if (step?.action) return step.action;
  return index === 0 ? 'Recording starts' : 'No action recorded';
}

/** What changed at a frame, in words: the step's first change (and how many more), else the ARIA diff's counts. */
export function changeWords(step: SessionStep | undefined, diff: DiffSummary, index: number): string {
  const changes = step?.changes ?? [];
  if (changes.length) return changes.length > 1 ? `${changes[0]} (+${changes.length - 1} more)` : changes[0]!;
  return index === 0 ? 'First view of the page' : describeDiff(diff);
}

/** `2 console errors, 1 failed request`, or '' when the step logged neither. */
export function problemWords(step: SessionStep | undefined): string {
  if (!step) return '';
  return [
    step.consoleErrors.length && plural(step.consoleErrors.length, 'console error'),
    step.failedRequests.length && plural(step.failedRequests.length, 'failed request'),
    step.failure && 'replayed action failed',
  ]
    .filter(Boolean)
    .join(', ');
}

/** For a small card: URLs on the frame's own site lose their origin (`navigate to /login`); others stay whole. */
export function withoutOrigin(text: string, frameUrl: string): string {
  let origin: string;
  try {
    origin = new URL(frameUrl).origin;
  } catch {
    return text;
  }
  if (origin === 'null') return text;
  return text.split(origin + '/').join('/');
}
