import type { Scenario } from './types.js';

/** The long one (~50 s): every page and widget in one session, as a user demoing the app would. */
export const fullTour: Scenario = {
  name: 'full-tour',
  description: 'Sign in, refresh the dashboard, add/delete/load tasks and scroll, switch to the dark theme, sign out (302 to sign-in).',
  start: '/login',
  split: 'tuning',
  frame: 'window',
  async run(d) {
    await d.wander(1500);
    await d.fill({ role: 'textbox', name: 'Email' }, 'grace@example.com');
    await d.fill({ role: 'textbox', name: 'Password' }, 'analytical-engine');
    await d.click({ role: 'button', name: 'Sign in' });
    await d.wait(2000);
    await d.click({ role: 'button', name: 'Refresh' });
    await d.wait(2200);
    await d.click({ role: 'link', name: 'Tasks' }, 'navigate');
    await d.wait(1200);
    await d.fill({ role: 'textbox', name: 'Task name' }, 'Prepare demo');
    await d.press('Enter', 'list-grow');
    await d.wait(2600);
    await d.click({ role: 'button', name: 'Delete Write quarterly report' }, 'modal');
    await d.wait(1200);
    await d.click({ role: 'button', name: 'Delete' }, 'modal-close');
    await d.wait(2600);
    await d.click({ role: 'button', name: 'Load more' });
    await d.wait(2200);
    await d.scroll(400);
    await d.wander(1500);
    await d.scroll(-400);
    await d.wait(800);
    await d.click({ role: 'link', name: 'Settings' }, 'navigate');
    await d.wait(1000);
    await d.click({ role: 'tab', name: 'Appearance' }, 'tab');
    await d.wait(700);
    await d.click({ role: 'combobox', name: 'Theme' }, 'dropdown');
    await d.wait(800);
    await d.click({ role: 'option', name: 'Dark' });
    await d.wait(1500);
    await d.click({ role: 'button', name: 'Account' }, 'dropdown');
    await d.wait(800);
    await d.click({ role: 'menuitem', name: 'Sign out' }, 'navigate'); // /logout answers 302 → /login
    await d.wait(2000);
    await d.wander(1500);
  },
};
