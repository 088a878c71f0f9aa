/**
 * The README's screenshots: `pnpm --filter @claude-scope/bench readme:screenshots`.
 *
 * Realistic testkit recordings of the demo app (a sign-in flow, a shop order, a form with validation errors) are
 * processed to the end by the real service (API serving the built web app, a worker, Postgres, Redis, S3); one
 * more is uploaded through the New recording page and pictured while its lanes run, then left to finish too, so no
 * session in a picture is stuck "Processing". Writes docs/screenshots/*.png (1280 px wide); check each by eye.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRecording, rebaseTruth } from '@claude-scope/testkit';
import type { Page } from 'playwright-core';
import { AppStack, signedInBrowser } from './stack.js';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(300); // transitions settle: the picture is what a person sees
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide', style: '.toasts { display: none !important; }' });
  console.log(`wrote ${name}.png`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const app = await new AppStack().start();
  try {
    const ada = await app.signup('Ada Lovelace');
    // Oldest first: the list shows the most recently updated first.
    const sessions = [
      ['validation-errors', 'Sign-in form accepts a too-short password after the email error', 'The short-password error disappears once the email is fixed.'],
      ['order-bursts', 'Order placed twice when the quantity is bumped quickly', 'Clicking + three times fast, then Place order: two orders show up in the admin.'],
      ['login-flow', 'Profile page is slow to open after sign-in', 'After signing in, Account → Profile takes several seconds.'],
    ] as const;
    let detailId = '';
    for (const [scenario, title, notes] of sessions) {
      const p = await app.process(ada, scenario, title, notes);
      console.log(`processed ${scenario}: ${p.frames} frames in ${p.ms} ms`);
      detailId = p.sessionId;
    }

    const { browser, context } = await signedInBrowser(app.url, ada);
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.locator('.stat__value').filter({ hasText: /\d/ }).first().waitFor();
      await page.getByRole('link', { name: sessions[2][1] }).waitFor();
      await shot(page, 'dashboard');

      await page.goto('/sessions');
      await page.getByRole('heading', { name: '3 sessions' }).waitFor();
      await page.waitForFunction(`[...document.querySelectorAll('.thumb img')].filter((i) => i.complete && i.naturalWidth > 0).length === 3`);
      await shot(page, 'sessions');

      await page.goto(`/sessions/${detailId}`);
      await page.getByRole('heading', { name: sessions[2][1] }).waitFor();
      await page.getByRole('listbox', { name: 'Frames' }).getByRole('option').nth(3).click();
      await page.locator('.frame-view__tree .aria-tree').waitFor();
      await page.waitForFunction(`[...document.querySelectorAll('.frame-view__figure img')].some((i) => i.complete && i.naturalWidth > 0 && !i.src.startsWith('data:'))`);
      await shot(page, 'session-detail', true);

      await page.goto('/settings');
      await page.getByLabel('Default agent').waitFor();
      await shot(page, 'settings');

      // A fourth recording through the page itself: the form filled in, then its lanes while they run.
      const rec = await generateRecording('tabs-and-dropdown');
      const truth = rebaseTruth(rec.truth, app.demo.url);
      await page.goto('/new');
      await page.getByRole('heading', { name: 'New recording' }).waitFor();
      await page.locator('#recording-file').setInputFiles(rec.videoPath);
      await page.getByLabel('Title', { exact: true }).fill('Dark theme does not stick after saving the profile');
      await page.getByLabel('Seed URL').fill(truth.timeline.find((e) => e.type === 'navigate')?.url ?? `${app.demo.url}/settings`);
      await page.getByLabel(/Notes/).fill('Pick Dark in Settings → Appearance, save the profile: the page turns light again.');
      await page.getByText('Advanced').click();
      await page.getByLabel(/Timeline/).fill(JSON.stringify(truth.timeline));
      await shot(page, 'new-recording', true);
      await page.getByRole('button', { name: 'Analyze recording' }).click();
      await page.locator('.lanes__list').waitFor();
      await page.waitForFunction(`[...document.querySelectorAll('.lane__state')].some((e) => /Running/.test(e.textContent))`, undefined, { timeout: 120_000 });
      await shot(page, 'processing');
      await page.getByRole('heading', { name: /Your prompt is ready/ }).waitFor({ timeout: 600_000 });

      // Signed out last: the sign-in page.
      const out = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: app.url });
      const signIn = await out.newPage();
      await signIn.goto('/');
      await signIn.getByRole('heading', { name: /Sign in/ }).waitFor();
      await shot(signIn, 'sign-in');
    } finally {
      await browser.close();
    }
  } finally {
    await app.stop();
  }
}

await main();
