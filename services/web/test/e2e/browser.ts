import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_DIR } from './build.js';

export const SHOTS_DIR = path.join(WEB_DIR, 'test-results', 'screenshots');

/** Debian's Chromium (no browser downloads here), with the flags that keep it quiet in CI. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** A full-page screenshot under test-results/screenshots (gitignored; the chosen ones are copied to docs/). */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean; toasts?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const fullPage = opts.fullPage ?? true;
  // From the top, or the sticky header is drawn wherever the page was scrolled to.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  // Let transitions settle so the picture is what a person would see.
  await page.waitForTimeout(150);
  // Toasts are fixed to the viewport and land mid-page in a full-page picture: hidden unless asked for.
  const style = opts.toasts ? undefined : '.toasts { display: none !important; }';
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide', style });
}
