/**
 * The first line of an error's message, at most 200 characters: what a lane writes into a user-facing
 * failure (Playwright and BullMQ messages go on with call logs and stacks). `strip` removes a prefix first,
 * e.g. Playwright's `locator.click: `.
 */
export function firstLine(err: unknown, strip?: RegExp): string {
  const line = String((err as Error | null)?.message ?? err).split('\n')[0]!;
  return (strip ? line.replace(strip, '') : line).slice(0, 200);
}
