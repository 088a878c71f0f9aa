import type { Scenario } from './types.js';

/** Short and varied: for fast tests of the whole pipeline (~6 s). */
export const smoke: Scenario = {
  name: 'smoke',
  description: 'Add a task on the Tasks page: typing, Enter, list grows, toast shows and hides.',
  start: '/tasks',
  split: 'tuning',
  async run(d) {
    await d.wander(800);
    await d.fill({ role: 'textbox', name: 'Task name' }, 'Buy milk');
    await d.press('Enter', 'list-grow');
    await d.wander(1200);
    await d.wait(1400);
  },
};
