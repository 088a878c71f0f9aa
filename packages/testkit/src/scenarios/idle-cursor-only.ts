import type { Scenario } from './types.js';

/** Mostly nothing happens: a 31 s stretch where only the pointer moves, then one real change. */
export const idleCursorOnly: Scenario = {
  name: 'idle-cursor-only',
  description: 'The pointer wanders over the dashboard for 31 s; one refresh (spinner) in the middle.',
  start: '/dashboard',
  split: 'tuning',
  frame: 'window',
  async run(d) {
    await d.wander(31000); // 30 s+ where only the pointer moves (over links, buttons and rows: hover, hand)
    await d.wait(1000);
    await d.click({ role: 'button', name: 'Refresh' });
    await d.wander(6000);
    await d.wait(1500);
  },
};
