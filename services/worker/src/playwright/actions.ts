import type { Locator, Page } from 'playwright-core';
import { MASK } from '@claude-scope/aria';
import type { TimelineEvent } from '@claude-scope/contracts';
import type { UrlPolicy } from '../browser/ssrf.js';
import { firstLine } from '../error-text.js';
import { navigate } from './navigation.js';
import type { PageLog } from './page-log.js';
import { isPasswordInput } from './secrets.js';

type Role = Parameters<Page['getByRole']>[0];

export interface ActionContext {
  policy: UrlPolicy;
  log: PageLog;
  navigationTimeoutMs: number;
}

/** Why a timeline event could not be performed: its message is the step's `failure`. */
export class ActionFailedError extends Error {
  override name = 'ActionFailedError';
}

/**
 * Replays one timeline event through role + name locators, as a user would. Returns the event as it may be
 * stored: a value typed into a password input is masked. Throws ActionFailedError with the reason in words.
 */
export async function perform(page: Page, event: TimelineEvent, ctx: ActionContext): Promise<TimelineEvent> {
  switch (event.type) {
    case 'navigate':
      await navigate(page, event.url, ctx.policy, ctx.log, ctx.navigationTimeoutMs);
      return event;
    case 'click': {
      const target = locate(page, event.role, event.name);
      await act(target, `click on ${event.role} "${event.name}"`, () => target.click());
      return event;
    }
    case 'fill': {
      const target = locate(page, event.role, event.name);
      await act(target, `fill ${event.role} "${event.name}"`, () => target.fill(event.value));
      return (await isPasswordInput(target)) ? { ...event, value: MASK } : event;
    }
    case 'press':
      await page.keyboard.press(event.key).catch((err: unknown) => {
        throw new ActionFailedError(`press ${event.key}: ${firstLine(err, PLAYWRIGHT_CALL)}`);
      });
      return event;
    case 'scroll':
      await page.mouse.wheel(0, event.dy);
      return event;
  }
}

// Exact accessible name: a looser match could act on a different element than the user did.
const locate = (page: Page, role: string, name: string) => page.getByRole(role as Role, { name, exact: true }).first();

async function act(target: Locator, what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (err) {
    throw new ActionFailedError(`${what}: ${await why(target, err)}`);
  }
}

/** Playwright's call log says what stood in the way; missing and not-actionable are different failures. */
async function why(target: Locator, err: unknown): Promise<string> {
  const msg = String((err as Error)?.message ?? err);
  if (!/Timeout \d+ms exceeded/.test(msg)) return firstLine(err, PLAYWRIGHT_CALL);
  if ((await target.count().catch(() => 0)) === 0) return 'no such element on the page';
  if (/not enabled|disabled/i.test(msg)) return 'the element is disabled';
  if (/not editable|readonly/i.test(msg)) return 'the element is read-only';
  if (/intercepts pointer events/.test(msg)) return 'another element covers it';
  if (/not visible/.test(msg)) return 'the element is not visible';
  return 'the element did not become actionable in time';
}

// Playwright prefixes its messages with the call, e.g. `locator.click: `.
const PLAYWRIGHT_CALL = /^\w+\.\w+: /;
