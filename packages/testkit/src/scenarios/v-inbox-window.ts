import type { Scenario } from './types.js';

/** Validation: never looked at while tuning. The inbox in a browser window: fades, menus, Tab, scrolling. */
export const vInboxWindow: Scenario = {
  name: 'v-inbox-window',
  description: 'Validation. In a browser window: the inbox skeleton, two messages opened (fades), the filter menu opened and closed fast, Tab moving focus, all marked read (toast), a scroll down and back, off to Tasks by link.',
  start: '/inbox',
  split: 'validation',
  frame: 'window',
  async run(d) {
    await d.wander(2400);
    await d.click({ role: 'button', name: 'Quarterly report draft' }, 'fade');
    await d.wander(1500);
    await d.click({ role: 'button', name: 'Budget numbers' }, 'fade');
    await d.wait(1000);
    await d.click({ role: 'button', name: 'Filter' }, 'burst');
    await d.pause(210, 280);
    await d.press('Escape', 'burst');
    await d.pause(220, 290);
    await d.press('Tab', 'focus');
    await d.pause(220, 290);
    await d.press('Tab', 'focus');
    await d.wait(900);
    await d.click({ role: 'button', name: 'Mark all read' }, 'toast');
    await d.wait(2800);
    await d.scroll(300);
    await d.wander(1500);
    await d.scroll(-300);
    await d.wait(800);
    await d.click({ role: 'link', name: 'Tasks' }, 'navigate');
    await d.wait(1500);
    await d.wander(1000);
  },
};
