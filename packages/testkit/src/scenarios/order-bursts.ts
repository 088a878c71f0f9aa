import type { Scenario } from './types.js';

const up = { role: 'button', name: 'Increase quantity' } as const;
const down = { role: 'button', name: 'Decrease quantity' } as const;

/** Bursts of distinct states 200–300 ms apart: a stepper clicked up three times, a menu opened and closed, Tab moving focus. */
export const orderBursts: Scenario = {
  name: 'order-bursts',
  description: 'In a browser window: a stepper clicked up three times 200–300 ms apart, the account menu opened and closed with Escape, a note typed, Tab through two checkboxes, an order placed behind a spinner (toast).',
  start: '/order',
  split: 'tuning',
  frame: 'window',
  async run(d) {
    await d.wander(2200);
    await d.click(up, 'burst');
    await d.pause(210, 290);
    await d.clickHere(up, 'burst');
    await d.pause(210, 290);
    await d.clickHere(up, 'burst');
    await d.wander(1200);
    await d.click(down);
    await d.wait(900);
    await d.click({ role: 'button', name: 'Account' }, 'burst');
    await d.pause(220, 290);
    await d.press('Escape', 'burst');
    await d.wander(1000);
    await d.fill({ role: 'textbox', name: 'Delivery note' }, 'Leave with Sam at reception');
    await d.wait(700);
    await d.press('Tab', 'focus');
    await d.pause(220, 300);
    await d.press('Tab', 'focus');
    await d.wait(600);
    await d.press(' ', 'click');
    await d.wait(800);
    await d.click({ role: 'button', name: 'Place order' });
    await d.wait(3800);
    await d.wander(1500);
  },
};
