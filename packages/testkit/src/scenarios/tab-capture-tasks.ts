import type { Scenario } from './types.js';

/** A browser's tab capture draws no pointer: what was clicked shows only in what the page does (issue 20). */
export const tabCaptureTasks: Scenario = {
  name: 'tab-capture-tasks',
  description: 'No pointer drawn (a tab capture): a task typed and added with the button (toast), a deletion confirmed in a dialog, more rows loaded behind a spinner, then Settings by link, a tab, a checkbox, another tab and a select.',
  start: '/tasks',
  split: 'tuning',
  pointer: 'none',
  async run(d) {
    await d.wander(1500);
    await d.wait(800);
    await d.fill({ role: 'textbox', name: 'Task name' }, 'Pay the rent');
    await d.wait(400);
    await d.click({ role: 'button', name: 'Add task' }, 'list-grow'); // the row, then a toast that hides by itself
    await d.wait(2600);
    await d.click({ role: 'button', name: 'Delete Review pull requests' }, 'modal');
    await d.wait(1200);
    await d.click({ role: 'button', name: 'Delete' }, 'modal-close'); // closes, removes the row, shows a toast
    await d.wait(2600);
    await d.click({ role: 'button', name: 'Load more' }); // spinner, then five rows ('list-grow')
    await d.wait(2500);
    await d.click({ role: 'link', name: 'Settings' }, 'navigate');
    await d.wait(1200);
    await d.click({ role: 'tab', name: 'Notifications' }, 'tab');
    await d.wait(900);
    await d.click({ role: 'checkbox', name: 'Mentions only' });
    await d.wait(800);
    await d.click({ role: 'tab', name: 'Appearance' }, 'tab');
    await d.wait(900);
    await d.click({ role: 'combobox', name: 'Theme' }, 'dropdown');
    await d.wait(900);
    await d.click({ role: 'option', name: 'Dark' }); // the whole page turns dark
    await d.wait(1500);
    await d.wander(1000);
  },
};
