import type { Scenario } from './types.js';

export const modalConfirm: Scenario = {
  name: 'modal-confirm',
  description: 'Open a delete confirmation dialog, cancel it, dismiss it with Escape, then confirm a deletion (toast).',
  start: '/tasks',
  split: 'tuning',
  async run(d) {
    await d.wander(2500);
    await d.wait(1000);
    await d.click({ role: 'button', name: 'Delete Review pull requests' }, 'modal');
    await d.wait(2000);
    await d.click({ role: 'button', name: 'Cancel' }, 'modal-close');
    await d.wander(1200);
    await d.click({ role: 'button', name: 'Delete Review pull requests' }, 'modal');
    await d.wait(1000);
    await d.press('Escape', 'modal-close');
    await d.wait(800);
    await d.click({ role: 'button', name: 'Delete Book team offsite' }, 'modal');
    await d.wait(1300);
    await d.click({ role: 'button', name: 'Delete' }, 'modal-close'); // closes, removes the row, shows a toast
    await d.wait(3000);
    await d.wander(2500);
    await d.wait(1500);
  },
};
