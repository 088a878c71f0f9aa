import type { Scenario } from './types.js';

/** The dark theme, a skeleton loader, fades, and a 30 s+ stretch where only the pointer moves over hoverable rows. */
export const inboxIdle: Scenario = {
  name: 'inbox-idle',
  description: 'Dark theme: the inbox loads behind a skeleton and fades in, the pointer idles over the rows for 31 s, a message opens (fade), the filter menu opens and closes with Escape, all marked read (toast).',
  start: '/inbox',
  split: 'tuning',
  theme: 'dark',
  async run(d) {
    await d.wait(2200);
    await d.wander(31000);
    await d.click({ role: 'button', name: 'Login redirect fixed' }, 'fade');
    await d.wait(1200);
    await d.click({ role: 'button', name: 'Filter' }, 'burst');
    await d.pause(230, 300);
    await d.press('Escape', 'burst');
    await d.wait(900);
    await d.click({ role: 'button', name: 'Mark all read' }, 'toast');
    await d.wait(3000);
    await d.wander(1200);
  },
};
