import type { Scenario } from './types.js';

/** Validation: never looked at while tuning. Dark settings: tab switches 200–300 ms apart, Tab focus, typing over a value. */
export const vSettingsBursts: Scenario = {
  name: 'v-settings-bursts',
  description: 'Validation. Dark theme: settings tabs switched in a quick burst, a checkbox, the display name selected and typed over, Tab moving focus to the bio and the button, saved (toast).',
  start: '/settings',
  split: 'validation',
  theme: 'dark',
  async run(d) {
    await d.wander(2000);
    await d.click({ role: 'tab', name: 'Notifications' }, 'tab');
    await d.pause(220, 290);
    await d.press('ArrowRight', 'burst');
    await d.pause(220, 290);
    await d.press('ArrowRight', 'burst');
    await d.wait(900);
    await d.click({ role: 'tab', name: 'Notifications' }, 'tab');
    await d.wait(700);
    await d.click({ role: 'checkbox', name: 'Mentions only' });
    await d.wander(1200);
    await d.click({ role: 'tab', name: 'Profile' }, 'tab');
    await d.wait(700);
    await d.fill({ role: 'textbox', name: 'Display name' }, 'Ada L.', { replace: true });
    await d.wait(600);
    await d.press('Tab', 'focus');
    await d.pause(230, 300);
    await d.press('Tab', 'focus');
    await d.wait(800);
    await d.press('Enter', 'toast');
    await d.wait(3000);
    await d.wander(2000);
  },
};
