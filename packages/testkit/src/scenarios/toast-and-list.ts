import type { Scenario } from './types.js';

export const toastAndList: Scenario = {
  name: 'toast-and-list',
  description: 'Add tasks (Enter and button), hit the empty-name validation, load more rows behind a spinner and scroll the grown list.',
  start: '/tasks',
  split: 'tuning',
  frame: 'window',
  async run(d) {
    const name = { role: 'textbox', name: 'Task name' } as const;
    const add = { role: 'button', name: 'Add task' } as const;
    await d.wander(1500);
    await d.fill(name, 'Call the bank');
    await d.press('Enter', 'list-grow');
    await d.wait(2800);
    await d.fill(name, 'Renew passport');
    await d.click(add, 'list-grow');
    await d.wait(1200);
    await d.click(add, 'validation');
    await d.wait(1500);
    await d.fill(name, 'Water plants');
    await d.press('Enter', 'list-grow');
    await d.wait(2800);
    await d.scroll(260);
    await d.wait(600);
    await d.click({ role: 'button', name: 'Load more' }); // spinner, then five rows ('list-grow')
    await d.wait(2200);
    await d.scroll(420);
    await d.wander(1500);
    await d.scroll(-300);
    await d.wait(1000);
  },
};
