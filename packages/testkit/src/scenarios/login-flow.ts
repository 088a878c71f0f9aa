import type { Scenario } from './types.js';

export const loginFlow: Scenario = {
  name: 'login-flow',
  description: 'Sign in (email, password, remember me), land on the dashboard, open the account menu and go to Profile.',
  start: '/login',
  split: 'tuning',
  frame: 'window',
  async run(d) {
    await d.wander(2500);
    await d.fill({ role: 'textbox', name: 'Email' }, 'ada@example.com');
    await d.wait(600);
    await d.fill({ role: 'textbox', name: 'Password' }, 'correct-horse-42');
    await d.wait(400);
    await d.click({ role: 'checkbox', name: 'Remember me' });
    await d.wander(900);
    await d.click({ role: 'button', name: 'Sign in' }); // button spinner, then the app navigates
    await d.wait(2800);
    await d.click({ role: 'button', name: 'Account' }, 'dropdown');
    await d.wait(1200);
    await d.press('Escape');
    await d.wander(1500);
    await d.click({ role: 'button', name: 'Account' }, 'dropdown');
    await d.wait(900);
    await d.click({ role: 'menuitem', name: 'Profile' }, 'navigate');
    await d.wait(2000);
    await d.wander(1500);
  },
};
