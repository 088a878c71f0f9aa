import type { Scenario } from './types.js';

/** Dark browser chrome around dark pages, typing into dark fields: the tuning split's match for v-checkout-dark. */
export const darkSettingsWindow: Scenario = {
  name: 'dark-settings-window',
  description: 'Dark theme in a browser window: sign in, open Settings, the display name selected and retyped, profile saved (toast), a checkbox on Notifications, a switch on Appearance, then Reports (its 500 shown as an alert) and Retry.',
  start: '/login',
  split: 'tuning',
  frame: 'window',
  theme: 'dark',
  async run(d) {
    await d.wander(1500);
    await d.fill({ role: 'textbox', name: 'Email' }, 'lin@example.com');
    await d.wait(500);
    await d.fill({ role: 'textbox', name: 'Password' }, 'night-owl-2048');
    await d.wait(400);
    await d.click({ role: 'button', name: 'Sign in' }); // button spinner, then the app navigates to the dashboard
    await d.wait(2400);
    await d.click({ role: 'link', name: 'Settings' }, 'navigate');
    await d.wait(1000);
    await d.fill({ role: 'textbox', name: 'Display name' }, 'Lin Park', { replace: true });
    await d.wait(500);
    await d.click({ role: 'button', name: 'Save profile' }, 'toast'); // hides by itself after 2 s
    await d.wait(2800);
    await d.click({ role: 'tab', name: 'Notifications' }, 'tab');
    await d.wait(900);
    await d.click({ role: 'checkbox', name: 'Weekly digest' });
    await d.wait(800);
    await d.click({ role: 'tab', name: 'Appearance' }, 'tab');
    await d.wait(900);
    await d.click({ role: 'switch', name: 'Compact mode' });
    await d.wander(1200);
    await d.click({ role: 'link', name: 'Reports' }, 'navigate'); // Loading… for 0.7 s, then the 500 as an alert
    await d.wait(2000);
    await d.click({ role: 'button', name: 'Retry' }); // Loading… again, then the same alert ('spinner-done')
    await d.wait(2200);
    await d.wander(1500);
  },
};
