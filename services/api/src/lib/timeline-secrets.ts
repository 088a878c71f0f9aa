import type { TimelineEvent } from '@claude-scope/contracts';
import { maskSecretText, maskTypedValue } from '@claude-scope/secrets';

/**
 * The uploaded timeline as it may be stored in `sessions.timeline`: a value typed into a secret field (by the
 * shared secret-field rule: password, PIN, one-time code, card number…) is masked whole, and secrets inside any
 * other typed value or navigated URL are masked (`?token=…`, `user:pass@`). Roles, names and keys stay: they are
 * the locators the Playwright lane replays by.
 */
export function maskTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  return events.map((event) => {
    switch (event.type) {
      case 'fill':
        return { ...event, value: maskTypedValue(event.name, event.value) };
      case 'navigate':
        return { ...event, url: maskSecretText(event.url) };
      default:
        return event;
    }
  });
}
