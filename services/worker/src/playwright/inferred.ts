import type { Locator, Page } from 'playwright-core';
import type { FrameAction, TimelineEvent } from '@claude-scope/contracts';
import type { VisionFrame } from '@claude-scope/pipeline';
import { isMasked, isSecretField } from '@claude-scope/secrets';
import { frameActions } from '@claude-scope/vision';
import { ActionFailedError, perform, type ActionContext } from './actions.js';
import { navigate } from './navigation.js';
import { firstLine } from '../error-text.js';
import { replayUrl, type InferredReplay } from './origin.js';
import { isPasswordInput } from './secrets.js';

export type { InferredReplay } from './origin.js';

type Role = Parameters<Page['getByRole']>[0];

/**
 * Replaying what the vision lane inferred from a recording without a timeline. An inferred event names its target
 * by the label read off the screen, and its role is a guess (a short label is a "button"), so it is found by role
 * and name, then by its visible text (a checkbox's label, a tab), case aside; a field by its label, then its
 * placeholder. What cannot be replayed faithfully is not replayed: the step keeps the video's observation.
 */
/**
 * The events to replay: each keyframe's inferred actions in time order (a value submitted with Enter is the fill,
 * then Enter: `frameActions`), without their provenance.
 */
export function inferredEvents(frames: readonly VisionFrame[]): TimelineEvent[] {
  return [...frames].sort((a, b) => a.timestamp - b.timestamp).flatMap((f) => frameActions(f).map(withoutProvenance));
}

function withoutProvenance(action: FrameAction): TimelineEvent {
  const { source: _source, confidence: _confidence, ...event } = action;
  return event as TimelineEvent;
}

/**
 * An inferred event left alone before anything touched the page (its target not found, its value masked, its URL on
 * another origin): the page is as the previous step captured it, so the lane reuses that capture.
 */
export class NotReplayedError extends ActionFailedError {
  override name = 'NotReplayedError';
}

/** Where text can be typed. */
const FIELD = 'input, textarea, [contenteditable="true"]';
/** The first text field after an element in document order. */
const FIELD_AFTER =
  'xpath=following::*[self::textarea or @contenteditable="true" or self::input[not(@type) or @type="text" or @type="search" or @type="email" or @type="url" or @type="tel" or @type="number"]][1]';

/** How long a target read off the screen may take to show up in the page (the previous step already settled). */
const FIND_MS = 500;
const FIND_POLL_MS = 100;

/**
 * Performs one inferred event; throws ActionFailedError saying why it was not replayed. Returns the event as
 * replayed (a navigation on the seed's origin carries the URL opened).
 */
export async function performInferred(page: Page, event: TimelineEvent, ctx: ActionContext & { replay: InferredReplay; afterFailure?: boolean }): Promise<TimelineEvent> {
  switch (event.type) {
    case 'navigate': {
      const url = replayUrl(event.url, ctx.replay);
      if (!url) throw new NotReplayedError(`navigate to ${event.url}: not on the seed URL's origin, so not opened`);
      await navigate(page, url, ctx.policy, ctx.log, ctx.navigationTimeoutMs);
      return { ...event, url };
    }
    case 'click': {
      const target = await find(page, [
        page.getByRole(event.role as Role, { name: label(event.name) }),
        page.getByText(label(event.name)),
      ]);
      if (!target) throw new NotReplayedError(`click on "${event.name}": no ${event.role} or visible text by that name on the page`);
      await act(`click on "${event.name}"`, () => target.click());
      return event;
    }
    case 'fill': {
      // A secret read off the screen is dots or masked: never typed (and never guessed).
      if (isMasked(event.value) || isSecretField(event.name)) throw new NotReplayedError(`fill "${event.name}": the value was masked on screen, so it is not typed`);
      const target = await find(page, [
        page.getByRole(event.role as Role, { name: label(event.name) }),
        // Only a field: a section labelled by the same heading is no place to type.
        page.getByLabel(label(event.name)).and(page.locator(FIELD)),
        page.getByPlaceholder(label(event.name)),
        // The text the user saw above it is a heading, not the field's label ("New task" over an input labelled
        // "Task name" for screen readers only): the first field after that text.
        page.getByText(label(event.name)).locator(FIELD_AFTER),
      ]);
      if (!target) throw new NotReplayedError(`fill "${event.name}": no field labelled so on the page`);
      // Text read off the screen never goes into a password input (it could only be a misreading).
      if (await isPasswordInput(target)) throw new NotReplayedError(`fill "${event.name}": a password field, so nothing read off the screen is typed`);
      await act(`fill "${event.name}"`, () => target.fill(event.value));
      return event;
    }
    case 'press': {
      // Inferred only after a value typed and submitted: pressed in the field that fill left focused, or not at all
      // (that fill not replayed, Enter elsewhere could submit something the user never did).
      if (ctx.afterFailure) throw new NotReplayedError(`press ${event.key}: the value before it was not typed`);
      const focused = await page.locator(FIELD).and(page.locator(':focus')).count().catch(() => 0);
      if (focused === 0) throw new NotReplayedError(`press ${event.key}: no field has focus`);
      return perform(page, event, ctx);
    }
    case 'scroll':
      return perform(page, event, ctx);
  }
}

/** The whole label, case and surrounding space aside (OCR reads "Sign In" for "Sign in"). */
function label(name: string): RegExp {
  return new RegExp(`^\\s*${name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}\\s*$`, 'i');
}

/** The first candidate with a visible match, polled briefly; null when none shows up. */
async function find(page: Page, candidates: Locator[]): Promise<Locator | null> {
  const deadline = Date.now() + FIND_MS;
  for (;;) {
    for (const c of candidates) {
      const visible = c.filter({ visible: true });
      if ((await visible.count().catch(() => 0)) > 0) return visible.first();
    }
    if (Date.now() >= deadline || page.isClosed()) return null;
    await page.waitForTimeout(FIND_POLL_MS);
  }
}

async function act(what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (err) {
    const timedOut = /Timeout \d+ms exceeded/.test(String((err as Error)?.message ?? err));
    throw new ActionFailedError(`${what}: ${timedOut ? 'the element did not become actionable in time' : firstLine(err, /^\w+\.\w+: /)}`);
  }
}
