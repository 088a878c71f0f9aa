import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FAULTS, DEMO_PAGES, launchChromium, startDemoApp, type DemoApp } from '../src/index.js';

let app: DemoApp;
let browser: Browser;

beforeAll(async () => {
  app = await startDemoApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openPage(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(app.url + path);
  expect(res?.status(), path).toBe(200);
  return { page, errors };
}

describe('demo app', () => {
  it.each(DEMO_PAGES.filter((p) => p.path !== '/reports'))('$path has landmarks, a heading and no console errors', async ({ path, title, bare }) => {
    const { page, errors } = await openPage(path);
    const aria = await page.locator('body').ariaSnapshot();
    expect(aria).toMatch(/^- banner:/m);
    expect(aria).toMatch(/^- main:/m);
    expect(aria).toMatch(/^- contentinfo:/m);
    expect(aria).toMatch(/heading ".+" \[level=1\]/);
    if (!bare) expect(aria).toContain('navigation "Main"');
    expect(await page.title()).toBe(`${title} · Acme Tasks`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pages expose labelled controls of the expected roles', async () => {
    const expectations: Record<string, string[]> = {
      '/login': ['form "Sign in"', 'textbox "Email"', 'textbox "Password"', 'checkbox "Remember me"', 'button "Sign in"'],
      '/dashboard': ['region "Overview"', 'list "Recent activity"', 'button "Refresh"', 'button "Account"'],
      '/tasks': ['form "Add task"', 'textbox "Task name"', 'button "Add task"', 'list "Your tasks (3)"', 'checkbox "Write quarterly report"', 'button "Delete Book team offsite"', 'button "Load more"'],
      '/settings': ['tablist "Settings sections"', 'tab "Profile" [selected]', 'tabpanel "Profile"', 'textbox "Display name"', 'textbox "Bio"'],
    };
    for (const [path, parts] of Object.entries(expectations)) {
      const { page } = await openPage(path);
      const aria = await page.locator('body').ariaSnapshot();
      for (const part of parts) expect(aria, `${path}: ${part}`).toContain(part);
      await page.close();
    }
  });

  it('widgets: dialog, menu, combobox, tabs, validation, spinner', async () => {
    const { page } = await openPage('/tasks');
    await page.getByRole('button', { name: 'Delete Review pull requests' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Delete task?' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add task' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Task name is required.');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Loading' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('checkbox', { name: 'Backlog item 5' }).count(), { timeout: 5000 }).toBe(1);

    await page.getByRole('button', { name: 'Account' }).click();
    expect(await page.getByRole('menu').locator('[role=menuitem]').allTextContents()).toEqual(['Profile', 'Sign out']);
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await page.waitForURL('**/settings');

    await page.getByRole('tab', { name: 'Appearance' }).click();
    await page.getByRole('combobox', { name: 'Theme' }).click();
    expect(await page.getByRole('listbox', { name: 'Theme' }).getByRole('option').allTextContents()).toEqual(['Light', 'Dark', 'System']);
    await page.getByRole('option', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.close();
  });

  it('redirects with 302 and serves the faulty endpoints', async () => {
    for (const [from, to] of [['/', '/login'], ['/old-dashboard', '/dashboard'], ['/logout', '/login']]) {
      const res = await fetch(app.url + from, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(to);
    }
    expect((await fetch(app.url + DEMO_FAULTS.apiError)).status).toBe(500);
    expect((await fetch(app.url + DEMO_FAULTS.pageError)).status).toBe(500);
    expect((await fetch(app.url + '/nope')).status).toBe(404);

    // Headers come, the body never ends.
    const res = await fetch(app.url + DEMO_FAULTS.hang);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    const next = await Promise.race([reader.read().then(() => 'more'), new Promise((r) => setTimeout(() => r('pending'), 300))]);
    expect(next).toBe('pending');
    await reader.cancel();
  });

  it('the Reports page produces a failed request and a console error', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const failed: number[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('response', (r) => r.status() >= 500 && failed.push(r.status()));
    await page.goto(app.url + '/reports');
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    expect(await page.locator('body').ariaSnapshot()).toMatch(/^- main:\n  - heading "Reports" \[level=1\]/m);
    expect(failed).toEqual([500]);
    expect(errors.some((e) => e.includes('Failed to load reports'))).toBe(true);
    await page.close();
  });

  it('close() returns although a request is still hanging', async () => {
    const other = await startDemoApp();
    const pending = fetch(other.url + DEMO_FAULTS.hang).then((r) => r.text()).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 100));
    await other.close();
    expect(await pending).toBeTypeOf('string');
  });
});
