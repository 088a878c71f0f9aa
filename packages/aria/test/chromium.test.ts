import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeChanges, diffTrees, elementCounts, MASK, maskSecrets, parseAriaSnapshot } from '../src/index.js';
import { find } from './fixtures.js';

// Checks the parser against what playwright-core and Chromium produce today, not a saved copy.
const PAGE = `<!doctype html><html><body><main>
  <h1>Checkout</h1>
  <form aria-label="Sign in">
    <label>Email <input type="email" id="email"></label>
    <label>Password <input type="password" id="password"></label>
    <label><input type="checkbox" id="remember"> Remember me</label>
    <button type="button" id="pay">Pay now</button>
  </form>
  <ul aria-label="Todos"><li>Buy milk</li><li>Walk dog</li></ul>
  <dialog id="confirm" aria-label="Confirm order"><p>Ship 2 items?</p><button>OK</button></dialog>
</main></body></html>`;

describe('with real Chromium', () => {
  let browser: Browser;
  let page: Page;
  const snapshot = async () => parseAriaSnapshot(await page.locator('body').ariaSnapshot());

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    await page.setContent(PAGE);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('parses a live snapshot, diffs it after interaction and never lets the password through', async () => {
    const before = await snapshot();
    expect(find(before, 'heading', 'Checkout')).toEqual({ role: 'heading', name: 'Checkout', level: 1 });
    expect(find(before, 'textbox', 'Email')).toEqual({ role: 'textbox', name: 'Email' });
    expect(find(before, 'checkbox', 'Remember me')).toEqual({ role: 'checkbox', name: 'Remember me' });
    expect(find(before, 'list', 'Todos')?.children).toEqual([
      { role: 'listitem', name: '', text: 'Buy milk' },
      { role: 'listitem', name: '', text: 'Walk dog' },
    ]);
    expect(find(before, 'dialog'), 'a closed dialog is hidden').toBeUndefined();

    await page.locator('#email').fill('ada@example.com');
    await page.locator('#password').fill('hunter2-S3cret!');
    await page.locator('#remember').check();
    await page.locator('#pay').evaluate((el) => el.setAttribute('disabled', ''));
    // Runs in the page; the DOM lib is not in this package's types.
    await page.locator('#confirm').evaluate((el) => (el as unknown as { show(): void }).show());
    await page.locator('ul').evaluate((ul) => ul.insertAdjacentHTML('beforeend', '<li>Call mom</li>'));
    const raw = await page.locator('body').ariaSnapshot();
    const after = parseAriaSnapshot(raw);

    // Chromium's snapshot shows a password input as a plain textbox with the typed value.
    expect(raw).toContain('textbox "Password": hunter2-S3cret!');
    expect(find(after, 'textbox', 'Password')).toEqual({ role: 'textbox', name: 'Password', value: 'hunter2-S3cret!' });
    expect(find(after, 'textbox', 'Email')?.value).toBe('ada@example.com');
    expect(find(after, 'checkbox', 'Remember me')?.checked).toBe(true);
    expect(find(after, 'button', 'Pay now')?.disabled).toBe(true);
    expect(find(after, 'dialog', 'Confirm order')?.children).toEqual([
      { role: 'paragraph', name: '', text: 'Ship 2 items?' },
      { role: 'button', name: 'OK' },
    ]);

    const { tree, summary } = diffTrees(before, after);
    expect(summary).toEqual({ added: 4, changed: 4, removed: 0 });
    expect(describeChanges(tree)).toEqual([
      'textbox "Email" value changed',
      'textbox "Password" value changed',
      'checkbox "Remember me" checked',
      'button "Pay now" became disabled',
      'listitem "Call mom" appeared',
      'dialog "Confirm order" appeared',
    ]);
    expect(elementCounts(tree)).toEqual({ buttons: 2, inputs: 3, links: 0, headings: 1, interactive: 5 });

    const masked = maskSecrets(tree);
    expect(find(masked, 'textbox', 'Password')).toMatchObject({ value: MASK, previous: { value: '' } });
    expect(JSON.stringify(masked)).not.toContain('hunter2');
    expect(JSON.stringify(maskSecrets(after))).not.toContain('hunter2');
  });
});
