import type { Scenario } from './types.js';

/**
 * Pages that load behind a skeleton and fade in, and Tab moving focus: kinds the tuning split held once ('loaded') or
 * four times ('focus') while the validation split holds them 7 and 14 times (stop 38's bench:keyframes, by step kind).
 */
export const loadsAndFocus: Scenario = {
  name: 'loads-and-focus',
  description: 'From the dashboard to the inbox (skeleton, fade), Tab through the nav links, a message opened (fade), the order page (its recent orders behind a skeleton), a note typed and Tab through the checkboxes, back to the inbox (skeleton again).',
  start: '/dashboard',
  split: 'tuning',
  async run(d) {
    await d.wander(1500);
    await d.click({ role: 'link', name: 'Inbox' }, 'navigate');
    await d.wait(2300);
    await d.press('Tab', 'focus');
    await d.pause(350, 600);
    await d.press('Tab', 'focus');
    await d.pause(350, 600);
    await d.press('Tab', 'focus');
    await d.wait(700);
    await d.click({ role: 'button', name: 'Team offsite venue' }, 'fade');
    await d.wait(1200);
    await d.click({ role: 'link', name: 'Order' }, 'navigate');
    await d.wait(2200);
    await d.fill({ role: 'textbox', name: 'Delivery note' }, 'Ring twice');
    await d.wait(500);
    await d.press('Tab', 'focus');
    await d.pause(300, 500);
    await d.press('Tab', 'focus');
    await d.wait(900);
    await d.click({ role: 'link', name: 'Inbox' }, 'navigate');
    await d.wait(2300);
    await d.wander(1200);
  },
};
