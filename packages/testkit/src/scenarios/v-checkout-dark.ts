import type { Scenario } from './types.js';

const up = { role: 'button', name: 'Increase quantity' } as const;

/** Validation: never looked at while tuning. A dark browser window, a caret blinking for 30 s, bursts. */
export const vCheckoutDark: Scenario = {
  name: 'v-checkout-dark',
  description: 'Validation. Dark theme in a browser window: skeleton, stepper up twice fast, a note typed, then 30 s with the caret blinking while the pointer drifts, Tab, order placed (spinner, toast), navigate to the inbox by link.',
  start: '/order',
  split: 'validation',
  frame: 'window',
  theme: 'dark',
  async run(d) {
    await d.wait(1800);
    await d.click(up, 'burst');
    await d.pause(220, 300);
    await d.clickHere(up, 'burst');
    await d.wait(900);
    await d.fill({ role: 'textbox', name: 'Delivery note' }, 'Ring twice');
    await d.wander(30500); // the caret keeps blinking in the focused field
    await d.press('Tab', 'focus');
    await d.wait(700);
    await d.click({ role: 'button', name: 'Place order' });
    await d.wait(3600);
    await d.click({ role: 'link', name: 'Inbox' }, 'navigate');
    await d.wait(2600);
    await d.wander(1200);
  },
};
