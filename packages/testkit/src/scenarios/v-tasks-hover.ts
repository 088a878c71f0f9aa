import type { Scenario } from './types.js';

/** Validation: never looked at while tuning. 30 s+ of the pointer idling over hoverable rows and buttons. */
export const vTasksHover: Scenario = {
  name: 'v-tasks-hover',
  description: 'Validation. Tasks: one added (typing, toast), 31 s where only the pointer moves over rows and buttons, a deletion confirmed in a modal (toast), more rows loaded behind a spinner, a scroll.',
  start: '/tasks',
  split: 'validation',
  async run(d) {
    await d.wander(1200);
    await d.fill({ role: 'textbox', name: 'Task name' }, 'Send invoices');
    await d.wait(300);
    await d.press('Enter', 'list-grow');
    await d.wait(2800);
    await d.wander(31000);
    await d.click({ role: 'button', name: 'Delete Review pull requests' }, 'modal');
    await d.wait(1000);
    await d.click({ role: 'button', name: 'Delete' }, 'modal-close');
    await d.wait(2800);
    await d.click({ role: 'button', name: 'Load more' });
    await d.wait(2000);
    await d.scroll(350);
    await d.wander(1200);
    await d.wait(600);
  },
};
