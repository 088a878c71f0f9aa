import type { Scenario } from './types.js';

export const spinnerAndRedirect: Scenario = {
  name: 'spinner-and-redirect',
  description: 'Open an old URL that redirects (302) to the dashboard, refresh behind a spinner, navigate by link, load more, then a redirect to sign-in.',
  start: '/old-dashboard',
  split: 'tuning',
  theme: 'dark',
  async run(d) {
    await d.wander(2500);
    await d.wait(1000);
    await d.click({ role: 'button', name: 'Refresh' }); // spinner for 1.5 s, then 'spinner-done'
    await d.wait(2500);
    await d.wander(1500);
    await d.click({ role: 'link', name: 'Tasks' }, 'navigate');
    await d.wait(1500);
    await d.click({ role: 'button', name: 'Load more' }); // spinner for 1.2 s, then 'list-grow'
    await d.wait(2500);
    await d.wander(1500);
    await d.goto('/'); // 302 to /login
    await d.wait(2000);
    await d.wander(2000);
    await d.wait(1000);
  },
};
