import type { Scenario } from './types.js';

/** Validation: never looked at while tuning. No pointer drawn (a tab capture), dark theme. */
export const vTabCaptureLogin: Scenario = {
  name: 'v-tab-capture-login',
  description: 'Validation. No pointer drawn (a tab capture), dark theme: sign in (email, password, remember me), refresh the dashboard, open the inbox by link, read a message, mark all read (toast), then the account menu to Profile, the display name retyped and saved (toast).',
  start: '/login',
  split: 'validation',
  theme: 'dark',
  pointer: 'none',
  async run(d) {
    await d.wander(1800);
    await d.fill({ role: 'textbox', name: 'Email' }, 'grace@example.com');
    await d.wait(500);
    await d.fill({ role: 'textbox', name: 'Password' }, 'analytical-engine');
    await d.wait(300);
    await d.click({ role: 'checkbox', name: 'Remember me' });
    await d.wait(600);
    await d.click({ role: 'button', name: 'Sign in' }); // button spinner, then the app navigates
    await d.wait(2600);
    await d.click({ role: 'button', name: 'Refresh' }); // spinner, then 'spinner-done'
    await d.wait(2600);
    await d.click({ role: 'link', name: 'Inbox' }, 'navigate');
    await d.wait(1800);
    await d.click({ role: 'button', name: 'Quarterly report draft' }, 'fade');
    await d.wait(1400);
    await d.click({ role: 'button', name: 'Mark all read' }, 'toast');
    await d.wait(2800);
    await d.click({ role: 'button', name: 'Account' }, 'dropdown');
    await d.wait(900);
    await d.click({ role: 'menuitem', name: 'Profile' }, 'navigate');
    await d.wait(1500);
    await d.fill({ role: 'textbox', name: 'Display name' }, 'Grace H.', { replace: true });
    await d.wait(500);
    await d.click({ role: 'button', name: 'Save profile' }, 'toast');
    await d.wait(2800);
    await d.wander(1200);
  },
};
