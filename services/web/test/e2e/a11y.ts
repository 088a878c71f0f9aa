import type { Page } from 'playwright-core';

/**
 * Every form control on the page has an accessible name, and the page has its landmarks: cheap checks
 * that catch the usual regressions (a placeholder used as a label, a lost <main>).
 */
export async function a11yProblems(page: Page, opts: { signedIn?: boolean } = {}): Promise<string[]> {
  return page.evaluate((signedIn) => {
    const problems: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button, [role=tab]');
    for (const el of controls) {
      const labelled =
        (el as HTMLInputElement).labels?.length ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        (el.tagName === 'BUTTON' && el.textContent?.trim());
      if (!labelled) problems.push(`unlabelled ${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`);
    }
    if (document.querySelectorAll('main').length !== 1) problems.push('expected exactly one <main>');
    if (!document.querySelector('h1')) problems.push('no h1');
    if (signedIn) {
      if (!document.querySelector('header')) problems.push('no banner');
      if (!document.querySelector('nav[aria-label="Main"]')) problems.push('no main navigation');
    }
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (dupes.length) problems.push(`duplicate ids: ${[...new Set(dupes)].join(', ')}`);
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`horizontal overflow (${document.documentElement.scrollWidth}px)`);
    return problems;
  }, Boolean(opts.signedIn));
}
