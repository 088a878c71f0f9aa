/**
 * Regenerates test/fixtures/*.yaml from real Chromium so the parser is tested against what
 * playwright-core actually emits, not against our idea of the format.
 * Run: cd packages/aria && ../../node_modules/.bin/tsx scripts/capture-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const FORM = `<!doctype html><html><body>
<header><nav aria-label="Main"><a href="/home">Home</a> <a href="https://example.com/docs?q=1">Docs: "guide"</a></nav></header>
<main>
  <h1>Checkout</h1>
  <h3>Step 2 of 3</h3>
  <form aria-label="Sign in">
    <label>Email <input type="email" value="ada@example.com"></label>
    <label>Password <input type="password" id="pw"></label>
    <label>Search <input type="search" placeholder="Find items"></label>
    <label>Quantity <input type="number" value="3"></label>
    <label>Volume <input type="range" value="40"></label>
    <label>Notes <textarea>line one
line two</textarea></label>
    <label><input type="checkbox" checked> Remember me</label>
    <label><input type="checkbox" id="mixed"> Select all</label>
    <label><input type="radio" name="ship" checked> Express</label>
    <label><input type="radio" name="ship"> Standard</label>
    <label>Country <select><option>France</option><option selected>Japan</option></select></label>
    <input aria-label="Coupon" placeholder="Coupon code" value="SAVE10" aria-invalid="true">
    <input type="password" placeholder="Confirm password" id="pw2">
    <button type="submit" disabled>Pay now</button>
    <button aria-pressed="true">Bold</button>
    <button aria-expanded="true">Menu</button>
    <button>Say "hi" \\ back: now</button>
  </form>
  <div role="tablist"><button role="tab" aria-selected="true">Cart</button><button role="tab">Shipping</button></div>
  <ul aria-label="Todos"><li>Buy milk</li><li>Walk dog</li><li>Buy milk</li></ul>
  <p>Total: 42 # items</p>
  <p>Mixed <b>bold</b> text <a href="/terms">terms</a></p>
  <div role="alert">Saved</div>
  <a href="#close" aria-label="Close">×</a>
  <p>Token: sk-proj-4fG7hJ2kL9mN3pQ8rS1tV6wX0yZ5aB</p>
  <dialog open aria-label="Confirm order"><p>Are you sure?</p><button>Cancel</button><button>Confirm</button></dialog>
</main></body></html>`;

const TODO = `<!doctype html><html><body><main>
  <h1>Todos</h1>
  <div id="banner" role="alert">Welcome back</div>
  <label>New todo <input id="new"></label>
  <label><input type="checkbox" id="remember"> Remember me</label>
  <button id="pay">Pay now</button>
  <ul aria-label="Todos"><li>Buy milk</li><li>Walk dog</li></ul>
</main></body></html>`;

async function captureTodo(page: Page) {
  await page.setContent(TODO);
  await save('todo-before', await page.locator('body').ariaSnapshot());
  await page.locator('#new').fill('Call mom');
  await page.locator('#remember').check();
  await page.evaluate(() => {
    document.getElementById('pay')!.setAttribute('disabled', '');
    document.getElementById('banner')!.remove();
    const ul = document.querySelector('ul')!;
    for (const t of ['Call mom', 'Pay rent', 'Read book']) ul.insertAdjacentHTML('beforeend', `<li>${t}</li>`);
    document.body.insertAdjacentHTML('beforeend', '<div role="dialog" aria-label="Confirm order"><p>Ship 3 items?</p><button>OK</button></div>');
  });
  await save('todo-after', await page.locator('body').ariaSnapshot());
}

function save(name: string, text: string) {
  const out = fileURLToPath(new URL(`../test/fixtures/${name}.yaml`, import.meta.url));
  writeFileSync(out, text + '\n');
  console.log(`--- ${name}\n${text}`);
}

async function capture(page: Page, name: string, mode: 'default' | 'ai') {
  await page.setContent(FORM);
  await page.locator('#pw').fill('hunter2-S3cret!');
  await page.locator('#pw2').fill('hunter2-S3cret!');
  await page.locator('#mixed').evaluate((el) => ((el as HTMLInputElement).indeterminate = true));
  await page.getByRole('textbox', { name: 'Email' }).focus();
  save(name, await page.locator('body').ariaSnapshot({ mode }));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await capture(page, 'form-default', 'default');
  await capture(page, 'form-ai', 'ai');
  await captureTodo(page);
} finally {
  await browser.close();
}
