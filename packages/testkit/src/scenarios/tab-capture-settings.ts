import type { Scenario } from './types.js';

/** A tab capture (no pointer drawn) of the settings pages: tabs, a nav bar and a form, where only what the page does shows a click. */
export const tabCaptureSettings: Scenario = {
  name: 'tab-capture-settings',
  description: 'No pointer drawn (a tab capture), light theme: sign in, Settings from the nav bar, the Notifications and Appearance tabs, a checkbox and a switch, back to Profile, the display name retyped and saved (toast), then Reports (its 500 as an alert) and Retry.',
  start: '/login',
  split: 'tuning',
  pointer: 'none',
  async run(d) {
    await d.wander(1200);
    await d.fill({ role: 'textbox', name: 'Email' }, 'mo@example.com');
    await d.wait(500);
    await d.fill({ role: 'textbox', name: 'Password' }, 'paper-plane-77');
    await d.wait(400);
    await d.click({ role: 'button', name: 'Sign in' }); // button spinner, then the dashboard
    await d.wait(2400);
    await d.click({ role: 'link', name: 'Settings' }, 'navigate');
    await d.wait(1200);
    await d.click({ role: 'tab', name: 'Notifications' }, 'tab');
    await d.wait(1000);
    await d.click({ role: 'checkbox', name: 'Weekly digest' });
    await d.wait(900);
    await d.click({ role: 'tab', name: 'Appearance' }, 'tab');
    await d.wait(1000);
    await d.click({ role: 'switch', name: 'Compact mode' });
    await d.wait(900);
    await d.click({ role: 'tab', name: 'Profile' }, 'tab');
    await d.wait(1000);
    await d.fill({ role: 'textbox', name: 'Display name' }, 'Mo Reyes', { replace: true });
    await d.wait(500);
    await d.click({ role: 'button', name: 'Save profile' }, 'toast'); // hides by itself after 2 s
    await d.wait(2800);
    await d.click({ role: 'link', name: 'Reports' }, 'navigate'); // Loading… for 0.7 s, then the 500 as an alert
    await d.wait(2000);
    await d.click({ role: 'button', name: 'Retry' }); // Loading… again, then the same alert ('spinner-done')
    await d.wait(2200);
    await d.wander(1200);
  },
};
