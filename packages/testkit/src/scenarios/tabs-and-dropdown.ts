import type { Scenario } from './types.js';

export const tabsAndDropdown: Scenario = {
  name: 'tabs-and-dropdown',
  description: 'Switch settings tabs, toggle a checkbox and a switch, pick the dark theme from a combobox, edit and save the profile.',
  start: '/settings',
  split: 'tuning',
  async run(d) {
    await d.wander(2500);
    await d.wait(800);
    await d.click({ role: 'tab', name: 'Notifications' }, 'tab');
    await d.wait(900);
    await d.click({ role: 'checkbox', name: 'Weekly digest' });
    await d.wait(700);
    await d.click({ role: 'tab', name: 'Appearance' }, 'tab');
    await d.wait(900);
    await d.click({ role: 'combobox', name: 'Theme' }, 'dropdown');
    await d.wait(1000);
    await d.click({ role: 'option', name: 'Dark' }); // the whole page turns dark
    await d.wait(1500);
    await d.click({ role: 'switch', name: 'Compact mode' });
    await d.wait(800);
    await d.click({ role: 'tab', name: 'Profile' }, 'tab');
    await d.wait(700);
    await d.fill({ role: 'textbox', name: 'Display name' }, 'Ada King', { replace: true });
    await d.click({ role: 'button', name: 'Save profile' }, 'toast');
    await d.wait(3000);
    await d.wander(2500);
    await d.wait(1500);
  },
};
