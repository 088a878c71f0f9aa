import type { Scenario } from './types.js';

export const validationErrors: Scenario = {
  name: 'validation-errors',
  description: 'Submit the sign-in form empty, then with a bad email and a short password, fixing each error until it signs in.',
  start: '/login',
  split: 'tuning',
  async run(d) {
    const email = { role: 'textbox', name: 'Email' } as const;
    const password = { role: 'textbox', name: 'Password' } as const;
    const signIn = { role: 'button', name: 'Sign in' } as const;
    await d.wander(1500);
    await d.click(signIn, 'validation');
    await d.wait(1800);
    await d.fill(email, 'ada@');
    await d.click(signIn, 'validation');
    await d.wait(1500);
    await d.fill(email, 'example.com');
    await d.fill(password, 'short');
    await d.click(signIn, 'validation');
    await d.wait(1500);
    await d.wander(1000);
    await d.fill(password, 'er-password');
    await d.click(signIn); // errors clear, the button spins, the app navigates
    await d.wait(2500);
    await d.wander(1200);
  },
};
