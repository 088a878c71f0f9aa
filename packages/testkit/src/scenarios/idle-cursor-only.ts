import type { Scenario } from './types.js';

/** Mostly nothing happens: long stretches where only the pointer moves, one real change in the middle. */
export const idleCursorOnly: Scenario = {
  name: 'idle-cursor-only',
  description: 'The pointer wanders over the dashboard for a long time; one refresh (spinner) in the middle.',
  start: '/dashboard',
  async run(d) {
    await d.wander(7000);
    await d.wait(2000);
    await d.wander(5000);
    await d.click({ role: 'button', name: 'Refresh' });
    await d.wander(6000);
    await d.wait(1500);
  },
};
