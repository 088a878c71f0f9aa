import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, FileChooser, Page } from 'playwright-core';
import { makeTestVideo, startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { Stack } from '../../../worker/test/harness.js';
import { a11yProblems } from './a11y.js';
import { ensureWebBuild } from './build.js';
import { launchChromium, shot } from './browser.js';

/**
 * The web app in Debian's Chromium against the real stack (API serving the built app, one worker,
 * Postgres, Redis, S3): one account and one small upload, reused step by step like a person would.
 */
describe('web app (end to end)', () => {
  const stack = new Stack();
  let demo: DemoApp;
  let video: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let sessionUrl: string;
  const email = `ada-${Date.now()}@example.com`;

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const text = (selector: string) => page.locator(selector).first().innerText();
  const expectClean = async (signedIn = true) => expect(await a11yProblems(page, { signedIn })).toEqual([]);
  const authHeader = () =>
    page.evaluate(() => ({ authorization: `Bearer ${(JSON.parse(localStorage.getItem('cs-auth')!) as { accessToken: string }).accessToken}` }));

  beforeAll(async () => {
    ensureWebBuild();
    [demo, video] = await Promise.all([
      startDemoApp(),
      makeTestVideo({ durationMs: 4000, width: 640, height: 360, format: 'webm', changesAtMs: [1000, 2000, 3000] }).then((v) => v.path),
      stack.start().then(() => stack.spawnWorker()),
    ]);
    base = stack.apiUrl;
    // Headless Chromium has no screen picker (it crashes on one): the app's own tab is shared instead,
    // auto-accepted, so in-browser recording runs for real.
    browser = await launchChromium(['--auto-accept-this-tab-capture']);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      const md = navigator.mediaDevices;
      const pick = md?.getDisplayMedia?.bind(md);
      if (pick) md.getDisplayMedia = (c?: DisplayMediaStreamOptions) => pick({ ...c, preferCurrentTab: true } as DisplayMediaStreamOptions);
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack.stop();
    await demo?.close();
  });

  it('sends a signed-out visitor to sign-in, and signs up', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await expectClean(false);
    await shot(page, '01-sign-in');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('analytical-engine');
    await shot(page, '02-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('No sessions yet').waitFor();
    await page.getByText('Welcome, Ada Lovelace.', { exact: true }).waitFor(); // new here: not "Welcome back"
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('cs-auth')))!)).toMatchObject({ user: { email } });
    await expectClean();
    await shot(page, '03-dashboard-empty');
  });

  it('uploads a recording and shows live per-lane progress until the prompt is ready', async () => {
    await nav('New recording').click();
    await page.getByRole('heading', { name: 'New recording' }).waitFor();
    // Submitting empty names what is missing, before anything is sent.
    await page.getByRole('button', { name: 'Analyze recording' }).click();
    await page.getByText('Choose a recording to upload.').waitFor();
    await page.getByText('Give the session a title.').waitFor();
    // A wrong file replaces that message with its own: never two stacked.
    await page.locator('#recording-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a video') });
    await page.getByText('notes.txt is not a supported video').waitFor();
    expect(await page.getByText('Choose a recording to upload.').count()).toBe(0);

    await page.locator('#recording-file').setInputFiles(video);
    await page.getByLabel('Title', { exact: true }).fill('Login toast is missing');
    await page.getByLabel('Seed URL').fill(`${demo.url}/login`);
    await page.getByLabel(/Notes/).fill('After signing in, no confirmation toast appears.');
    await page.getByText('Advanced').click();
    await page.getByLabel(/Timeline/).fill(
      JSON.stringify([
        { t: 0, type: 'navigate', url: `${demo.url}/login` },
        { t: 900, type: 'fill', role: 'textbox', name: 'Email', value: 'ada@example.com' },
        { t: 1900, type: 'click', role: 'checkbox', name: 'Remember me' },
        // The Reports page's data request fails (500) and logs a console error: the time track shows both.
        { t: 2400, type: 'navigate', url: `${demo.url}/reports` },
        { t: 2900, type: 'navigate', url: `${demo.url}/dashboard` },
      ]),
    );
    expect(await page.getByLabel('Agent').inputValue()).toBe('CLAUDE_CODE'); // the account's default
    await expectClean();
    await shot(page, '04-new-recording');
    await page.getByRole('button', { name: 'Analyze recording' }).click();

    // Async mode: the page follows the status route, one card per lane, without changing shape.
    const lanes = page.locator('.lanes__list');
    await lanes.waitFor();
    // Focus followed the form's replacement (to the processing heading), not back to <body>.
    await page.waitForFunction(() => document.activeElement?.id === 'processing-heading');
    const boxBefore = await lanes.boundingBox();
    expect(await page.getByRole('progressbar').count()).toBe(4);
    await shot(page, '05-processing');
    await page.getByRole('heading', { name: /Your prompt is ready/ }).waitFor({ timeout: 90_000 });
    const boxAfter = await lanes.boundingBox();
    expect(boxAfter?.height).toBe(boxBefore?.height);
    for (const lane of ['Video lane', 'Playwright lane', 'Vision lane', 'Synthesis']) {
      expect(await page.getByRole('progressbar', { name: `${lane} progress` }).getAttribute('aria-valuenow')).toBe('100');
    }
    expect(await page.locator('.lane__state').allInnerTexts()).toEqual(['Done', 'Done', 'Done', 'Done']);
    await shot(page, '06-processing-complete');

    await page.getByRole('link', { name: 'Open session' }).click();
    await page.getByRole('heading', { name: 'Login toast is missing' }).waitFor();
    // The page opens at its top: bringing the selected frame's card into view scrolls the track, not the page.
    await page.getByRole('listbox', { name: 'Frames' }).waitFor();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    sessionUrl = page.url();
    expect(new URL(sessionUrl).pathname).toMatch(/^\/sessions\/sess_[A-Z0-9]{8}$/);
  });

  it('shows the prompt per agent and copies it', async () => {
    const tab = (name: string) => page.getByRole('tab', { name });
    expect(await tab('Claude Code').getAttribute('aria-selected')).toBe('true');
    // The viewer: the format's sections as foldable blocks, screenshots as images, size, downloads.
    await page.getByRole('region', { name: 'Claude Code prompt' }).waitFor();
    const headings = await page.locator('.prompt-section__heading').allInnerTexts();
    expect(headings.map((h) => h.split(' · ')[0])).toEqual(expect.arrayContaining(['task', 'timeline', 'observed_ui', 'screenshots', 'instructions']));
    expect(await page.locator('.prompt-section__image img').count()).toBeGreaterThan(0);
    expect(await page.getByText(/^[\d,]+ characters · ~[\d,]+ tokens$/).count()).toBe(1);
    const size = await page.locator('#prompt-size').innerText();
    const chars = Number(size.split(' ')[0]!.replace(/,/g, ''));
    expect(size).toBe(`${chars.toLocaleString('en')} characters · ~${Math.ceil(chars / 4).toLocaleString('en')} tokens`);
    await page.getByText('(estimated as characters ÷ 4', { exact: false }).waitFor();
    const task = page.locator('details.prompt-section').filter({ has: page.locator('summary', { hasText: /^task/ }) });
    const isOpen = () => task.evaluate((d) => (d as HTMLDetailsElement).open);
    expect(await isOpen()).toBe(true);
    await task.locator('summary').click();
    expect(await isOpen()).toBe(false);
    await task.locator('summary').click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .md' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('login-toast-is-missing-claude-code.md');
    const downloaded = await readFile((await download.path())!, 'utf8');
    const downloadingTxt = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .txt' }).click();
    const txt = await downloadingTxt;
    expect(txt.suggestedFilename()).toBe('login-toast-is-missing-claude-code.txt');
    expect(await readFile((await txt.path())!, 'utf8')).toBe(downloaded);
    await shot(page, '07a-prompt-viewer');

    // Plain text: the prompt exactly as stored, copied and downloaded.
    await page.getByRole('button', { name: 'Plain text' }).click();
    const claude = await text('.prompt__text');
    expect(downloaded).toBe(claude);
    expect(claude.length).toBeGreaterThan(200);

    await tab('Codex').click();
    await page.getByLabel('Codex prompt').waitFor();
    const codex = await text('.prompt__text');
    expect(codex).not.toBe(claude);

    // Keyboard: arrows move along the tabs.
    await tab('Codex').focus();
    await page.keyboard.press('ArrowRight');
    expect(await tab('Cursor').getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('Cursor prompt').waitFor();
    await page.keyboard.press('End');
    await page.getByLabel('Raw prompt').waitFor();

    await tab('Codex').click();
    await page.getByLabel('Codex prompt').waitFor();
    await page.getByRole('button', { name: 'Copy prompt' }).click();
    await page.getByText('Codex prompt copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codex);

    // Another agent's prompt can become the session's own: agent and stored prompt change together.
    await shot(page, '07b-prompt-other-agent');
    await page.getByRole('button', { name: 'Use Codex for this session' }).click();
    await page.getByText("This session's prompt is now the Codex one.").waitFor();
    await page.getByText("The session's prompt", { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Use Codex for this session' }).count()).toBe(0);
    const id = new URL(sessionUrl).pathname.split('/').at(-1)!;
    const stored = (await (await fetch(`${base}/api/sessions/${id}`, { headers: await authHeader() })).json()) as { agentTarget: string; prompt: string };
    expect(stored.agentTarget).toBe('CODEX');
    expect(stored.prompt).toBe(codex);
    // And back, so the rest of the run sees the session as it was made.
    await tab('Claude Code').click();
    await page.getByRole('button', { name: 'Use Claude Code for this session' }).click();
    await page.getByText("This session's prompt is now the Claude Code one.").waitFor();
    expect(await text('.prompt__text')).toBe(claude);
    await expectClean();
  });

  it('reviews frames on the time track: placed in time, keyboard, zoom, and what happened at each step', async () => {
    const id = new URL(sessionUrl).pathname.split('/').at(-1)!;
    const session = (await (await fetch(`${base}/api/sessions/${id}`, { headers: await authHeader() })).json()) as { duration: number; frames: { timestamp: number }[] };
    // The page loads without every frame's tree: the overview, then the selected frame's tree and the next one's.
    const asked: string[] = [];
    const onRequest = (req: { url(): string }) => {
      const path = new URL(req.url()).pathname;
      if (path.startsWith(`/api/sessions/${id}`)) asked.push(path.slice(`/api/sessions/${id}`.length).replace(/frm_[A-Z0-9]+/, ':frameId'));
    };
    page.on('request', onRequest);
    await page.reload();
    const track = page.getByRole('listbox', { name: 'Frames' });
    await page.getByRole('region', { name: 'ARIA tree of frame 1' }).waitFor();
    await page.waitForLoadState('networkidle');
    page.off('request', onRequest);
    expect(asked).not.toContain('');
    expect(asked.filter((p) => p === '/frames/:frameId')).toHaveLength(2);
    expect(asked).toContain('/overview');
    const frames = track.getByRole('option');
    const n = await frames.count();
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBe(session.frames.length);
    expect(await frames.first().getAttribute('aria-selected')).toBe('true');

    // Each frame sits on the recording's time axis at its timestamp ÷ the duration.
    const lefts = await page.locator('.track__marker').evaluateAll((els) => els.map((e) => parseFloat((e as HTMLElement).style.left)));
    expect(lefts).toHaveLength(n);
    session.frames.forEach((f, i) => expect(lefts[i]).toBeCloseTo((f.timestamp / (session.duration * 1000)) * 100, 1));
    // The step's action and change in words (GET /sessions/:id/steps), and what the browser logged there.
    await track.getByText(/navigate to .*\/dashboard/).first().waitFor();
    expect(await frames.first().innerText()).toContain('navigate to /login'); // the card drops the site's own origin
    expect(await frames.first().locator('.track__action').getAttribute('title')).toBe(`navigate to ${demo.url}/login`);
    await page.locator('.track__frame .diff--added').first().waitFor();
    await page.locator('.track__frame .diff--removed').first().waitFor();

    // One Tab stop with roving focus: ←/→ and Home/End move the selection and the focus together.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
    const tabStops = () => track.locator('[tabindex="0"]').count();
    expect(await tabStops()).toBe(1);
    await frames.first().focus();
    await page.keyboard.press('End');
    expect(await frames.nth(n - 1).getAttribute('aria-selected')).toBe('true');
    expect(await focused()).toMatch(new RegExp(`^Frame ${n} of ${n} at `));
    await page.getByText(`Frame ${n} of ${n}`, { exact: true }).waitFor();
    expect(await frames.nth(n - 1).getAttribute('tabindex')).toBe('0');
    expect(await frames.first().getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toMatch(new RegExp(`^Frame ${n - 1} of ${n} at `));
    await page.keyboard.press('Home');
    expect(await focused()).toMatch(new RegExp(`^Frame 1 of ${n} at `));
    await page.keyboard.press('ArrowLeft'); // already at the start: stays
    expect(await focused()).toMatch(new RegExp(`^Frame 1 of ${n} at `));
    await page.keyboard.press('ArrowRight');
    expect(await frames.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await tabStops()).toBe(1);
    // Tab leaves the track in one press.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('option');

    // The selected frame: URL, action, ARIA diff, and the console errors and failed requests of its step.
    const problems = page.getByRole('region', { name: 'Console and network' });
    await frames.first().click();
    await problems.getByText('No console errors or failed requests at this step.').waitFor();
    await frames.nth(n - 1).click();
    await page.getByText(`Frame ${n} of ${n}`, { exact: true }).waitFor();
    expect(await text('.frame-view__url')).toContain('/dashboard');
    expect(await text('.frame-view__action')).toMatch(/navigate to .*\/dashboard/);
    expect(await text('.frame-view__diff')).toMatch(/added/);
    // The step that opened the Reports page: its failed request and console error, beside it.
    const reports = frames.filter({ has: page.locator('.track__problems') });
    expect(await reports.count()).toBe(1);
    expect(await reports.getAttribute('aria-label')).toMatch(/navigate to .*\/reports.*\d+ console errors?, \d+ failed requests?\.$/);
    await reports.click();
    expect(await text('.frame-view__action')).toMatch(/navigate to .*\/reports/);
    await problems.getByRole('list', { name: 'Console errors' }).getByText(/Failed to load reports/).waitFor();
    await problems.getByRole('list', { name: 'Failed requests' }).getByText(/\/api\/reports/).waitFor();
    expect(await page.locator('.track__marker--problem').count()).toBe(1);
    await frames.nth(n - 1).click();

    // Full size with zoom: the full-resolution image (fetched with the token), by button and by keyboard.
    await page.waitForFunction(() => document.querySelector('.zoom__viewport img')?.getAttribute('src')?.startsWith('blob:'));
    const img = page.locator('.zoom__viewport img');
    const viewer = page.getByRole('group', { name: /^Screenshot of frame \d+ at .*, zoom / });
    const width = async () => (await img.boundingBox())!.width;
    const fit = await width();
    expect(fit).toBeGreaterThan(600); // the card's width, not a 563 px box
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.locator('.zoom__level').getByText('150 %').waitFor();
    expect(Math.abs((await width()) - fit * 1.5)).toBeLessThan(2);
    await viewer.focus();
    await page.keyboard.press('+');
    await page.locator('.zoom__level').getByText('200 %').waitFor();
    expect(Math.abs((await width()) - fit * 2)).toBeLessThan(2);
    expect(await page.locator('.zoom__viewport').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.keyboard.press('-');
    await page.locator('.zoom__level').getByText('150 %').waitFor();
    await page.keyboard.press('0');
    await page.locator('.zoom__level').getByText('100 %').waitFor();
    expect(Math.abs((await width()) - fit)).toBeLessThan(2);

    const dl = page.locator('dl.counts');
    for (const label of ['Buttons', 'Inputs', 'Links', 'Headings']) await dl.getByText(label).waitFor();
    const links = Number(await dl.locator('.counts__item', { hasText: 'Links' }).locator('dd').innerText());
    expect(links).toBeGreaterThan(0);

    const tree = page.getByRole('region', { name: `ARIA tree of frame ${n}` });
    await tree.locator('.node--added').first().waitFor();
    await tree.locator('.node--removed').first().waitFor();
    await page.getByLabel('Only changes').check();
    expect(await tree.locator('.node').count()).toBeGreaterThan(0);
    await page.getByLabel('Only changes').uncheck();
    await expectClean();
    await shot(page, '07-session-detail');
  });

  it('renames inline, and reverts with an error toast when the API refuses', async () => {
    await page.getByRole('button', { name: 'Rename' }).click();
    const input = page.getByLabel('Session title');
    await input.fill('Login toast never shows');
    // The heading shows the new title at once (optimistically): reload only once the API stored it, or a reload
    // on a slow machine reads the old title back.
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/sessions/'));
    await input.press('Enter');
    await page.getByRole('heading', { name: 'Login toast never shows' }).waitFor();
    expect((await saved).status()).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Login toast never shows' }).waitFor();
    // The stored prompt was re-rendered with the new title.
    const prompt = page.getByRole('region', { name: 'Claude Code prompt' });
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain('Login toast never shows');

    await page.route('**/api/sessions/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' }) })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Session title').fill('This title will not stick');
    await page.keyboard.press('Tab'); // blur saves too
    await page.getByRole('alert').filter({ hasText: 'Could not rename the session' }).waitFor();
    await page.getByRole('heading', { name: 'Login toast never shows' }).waitFor();
    expect(await page.getByRole('heading', { name: 'This title will not stick' }).count()).toBe(0);
    await page.unroute('**/api/sessions/*');
    await page.getByRole('button', { name: 'Dismiss notification' }).click();
  });

  it('shows stats and recent sessions on the dashboard', async () => {
    const asked: string[] = [];
    const onRequest = (req: { url(): string }) => {
      const url = new URL(req.url());
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
    };
    page.on('request', onRequest);
    await nav('Dashboard').click();
    const stat = (label: string) => page.locator('.stat').filter({ has: page.locator('dt').getByText(label, { exact: true }) }).locator('.stat__value');
    await page.getByRole('table').getByRole('link', { name: 'Login toast never shows' }).waitFor();
    await stat('Avg. processing time').filter({ hasText: /\d/ }).waitFor(); // the stats arrive on their own request
    expect(await stat('Total sessions').innerText()).toBe('1');
    expect(await page.locator('.page__lead').innerText()).toBe('Welcome back, Ada Lovelace.');
    expect(await stat('Completed').innerText()).toBe('1');
    expect(await stat('Total duration').innerText()).toBe('4 s');
    expect(await stat('Avg. processing time').innerText()).toMatch(/\d/);
    // Only what it shows: the stats and the five most recent sessions, nothing per session.
    page.off('request', onRequest);
    expect([...new Set(asked)].sort()).toEqual(['/api/sessions/stats', '/api/sessions?limit=5']);
    await expectClean();
    await shot(page, '08-dashboard');

    // Dark mode: follows the system until chosen, then the choice sticks across reloads.
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const themeBecomes = (t: string) => page.waitForFunction((want) => document.documentElement.dataset.theme === want, t);
    await page.emulateMedia({ colorScheme: 'dark' });
    await themeBecomes('dark'); // the media query's change event comes a moment later
    await page.emulateMedia({ colorScheme: 'light' });
    await themeBecomes('light');
    await page.getByRole('button', { name: /^Theme: System/ }).click(); // → Light
    await page.getByRole('button', { name: /^Theme: Light/ }).click(); // → Dark
    expect(await theme()).toBe('dark');
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await theme()).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(15, 18, 24)');
    await shot(page, '08-dashboard-dark');
    await page.getByRole('button', { name: /^Theme: Dark/ }).click(); // → System again
    expect(await theme()).toBe('light');
  });

  it('lists sessions most recently updated first and filters by title, status and date', async () => {
    // Two more sessions (no upload needed), one of them created weeks ago.
    const auth = await authHeader();
    const create = async (title: string) => {
      const res = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
      return ((await res.json()) as { id: string }).id;
    };
    await create('Checkout button does nothing');
    const old = await create('Old settings page glitch');
    await stack.app.db.$client.query(`update sessions set created_at = now() - interval '20 days' where id = $1`, [old]);

    await nav('Sessions').click();
    const rows = page.getByRole('table').locator('tbody tr');
    await page.getByRole('heading', { name: '3 sessions' }).waitFor();
    // The API's order (last updated first), which is also the order it pages in.
    expect(await rows.locator('td.table__title').allInnerTexts()).toEqual(['Old settings page glitch', 'Checkout button does nothing', 'Login toast never shows']);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0); // one page holds them all
    expect(await rows.first().locator('td').nth(3).innerText()).toBe('Claude Code'); // the agent
    // A small picture of the first frame for the processed session (a few KB of WebP); none for the others.
    const thumb = rows.filter({ hasText: 'Login toast never shows' }).locator('.thumb img');
    await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await thumb.elementHandle());
    expect(await thumb.evaluate((img: HTMLImageElement) => [img.naturalWidth <= 160, img.naturalHeight <= 100])).toEqual([true, true]);
    expect(await rows.locator('.thumb img').count()).toBe(1);
    await expectClean();
    await shot(page, '09-sessions');

    // The whole row opens its session, not only the title; its checkbox only selects.
    const checkout = rows.filter({ hasText: 'Checkout button does nothing' });
    await checkout.getByRole('checkbox').check();
    expect(new URL(page.url()).pathname).toBe('/sessions');
    await page.getByRole('region', { name: 'Selected sessions' }).getByText('1 session selected').waitFor();
    // A click on the date cell, where a person would click (the link's hit area lies over the cell).
    const cell = (await checkout.locator('time').boundingBox())!;
    await page.mouse.click(cell.x + cell.width / 2, cell.y + cell.height / 2);
    await page.getByRole('heading', { name: 'Checkout button does nothing' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/sessions\/sess_/);
    await page.goBack();
    await page.getByRole('heading', { name: '3 sessions' }).waitFor();

    // Headers sort (the API orders the list), say which way, and keep the sort in the URL.
    const shownTitles = () => rows.locator('td.table__title').allInnerTexts();
    const titleHeader = page.getByRole('columnheader', { name: 'Title' });
    await titleHeader.getByRole('button').click();
    await expect.poll(() => titleHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(shownTitles).toEqual(['Checkout button does nothing', 'Login toast never shows', 'Old settings page glitch']);
    expect(new URL(page.url()).search).toBe('?sort=title&order=asc');
    await titleHeader.getByRole('button').click();
    await expect.poll(() => titleHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(shownTitles).toEqual(['Old settings page glitch', 'Login toast never shows', 'Checkout button does nothing']);
    const created = page.getByRole('columnheader', { name: 'Created' });
    await created.getByRole('button').click();
    await expect.poll(() => created.getAttribute('aria-sort')).toBe('descending'); // newest first
    expect(await titleHeader.getAttribute('aria-sort')).toBe('none');
    await expect.poll(async () => (await shownTitles()).at(-1)).toBe('Old settings page glitch');

    await page.getByLabel('Search titles').fill('checkout');
    await page.getByRole('heading', { name: '1 session' }).waitFor();
    expect(await rows.locator('td.table__title').allInnerTexts()).toEqual(['Checkout button does nothing']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('checkout');
    await page.getByLabel('Search titles').fill('');
    await page.getByRole('heading', { name: '3 sessions' }).waitFor();

    await page.getByLabel('Status', { exact: true }).selectOption('complete');
    await page.getByRole('heading', { name: '1 session' }).waitFor();
    expect(await rows.locator('td.table__title').allInnerTexts()).toEqual(['Login toast never shows']);
    await page.getByLabel('Status', { exact: true }).selectOption('');

    await page.getByLabel('Created').selectOption('7d');
    await page.getByRole('heading', { name: '2 sessions' }).waitFor();
    await page.getByLabel('Created').selectOption('30d');
    await page.getByRole('heading', { name: '3 sessions' }).waitFor();

    await page.getByLabel('Search titles').fill('no such title');
    await page.getByText('No sessions match these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('heading', { name: '3 sessions' }).waitFor();
  });

  it('pages through many sessions with Load more, and starts over when the filters change', async () => {
    // 60 more sessions: 63 in all, two pages of 50. They go again at the end.
    const auth = await authHeader();
    const bulk = Array.from({ length: 60 }, (_, i) => `Bulk session ${String(i + 1).padStart(2, '0')}`);
    for (let i = 0; i < bulk.length; i += 10) {
      await Promise.all(
        bulk.slice(i, i + 10).map((title) =>
          fetch(`${base}/api/sessions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title }) }),
        ),
      );
    }
    // Leave the previous test's page first: a request it still had under way must not be counted here.
    await page.goto('about:blank');
    const requests: URLSearchParams[] = [];
    const onRequest = (req: { url(): string }) => {
      const url = new URL(req.url());
      if (url.pathname === '/api/sessions') requests.push(url.searchParams);
    };
    page.on('request', onRequest);
    try {
      const titles = () => page.getByRole('table').locator('tbody tr td.table__title').allInnerTexts();
      const loadMore = page.getByRole('button', { name: 'Load more' });
      await page.goto(`${base}/sessions`);
      // The list has no total; the stats' count of every session gives it while no filter is set.
      await page.getByRole('heading', { name: '50 of 63 sessions' }).waitFor();
      const firstPage = await titles();
      expect(firstPage).toHaveLength(50);
      // The first page only (asked for once, or twice if the app re-renders early): no cursor yet.
      expect(new Set(requests.map((p) => p.toString()))).toEqual(new Set(['limit=50']));
      await expectClean();

      // The next page fails once: progress while it is under way, then the error with a retry.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(
        '**/api/sessions?*cursor=*',
        async (route) => {
          await held;
          await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' }) });
        },
        { times: 1 },
      );
      await loadMore.click();
      const busy = page.getByRole('button', { name: 'Loading more…' });
      await busy.waitFor();
      expect(await busy.getAttribute('aria-disabled')).toBe('true');
      await busy.click({ force: true }); // a second press while loading asks for nothing more
      release();
      await page.getByRole('alert').filter({ hasText: 'Could not load more sessions' }).waitFor();
      expect(await titles()).toEqual(firstPage);
      await expectClean();
      await shot(page, '14-sessions-load-more-error');

      // Retrying follows the same rel="next" link, through the app's client.
      await page.getByRole('button', { name: 'Retry' }).click();
      await page.getByRole('heading', { name: '63 sessions', exact: true }).waitFor();
      const all = await titles();
      expect(all.slice(0, 50)).toEqual(firstPage); // appended, nothing moved
      expect(new Set(all).size).toBe(63);
      expect([...all].sort()).toEqual([...bulk, 'Checkout button does nothing', 'Login toast never shows', 'Old settings page glitch'].sort());
      expect(await loadMore.count()).toBe(0); // the last page has no next link
      expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
      const followed = requests.filter((p) => p.has('cursor')).map((p) => Object.fromEntries(p));
      expect(followed).toHaveLength(2); // the failed try and the retry, no more
      for (const p of followed) expect(p).toEqual({ limit: '50', cursor: expect.any(String) });
      expect(followed[0]!.cursor).toBe(followed[1]!.cursor);

      // A filter the API applies starts again from its first page.
      requests.length = 0;
      await page.getByLabel('Search titles').fill('bulk');
      await page.getByRole('heading', { name: '50 sessions shown' }).waitFor();
      expect(await page.getByRole('table').locator('tbody tr').count()).toBe(50);
      expect(Object.fromEntries(requests.at(-1)!)).toEqual({ limit: '50', q: 'bulk' });
      await loadMore.click();
      await page.getByRole('heading', { name: '60 sessions', exact: true }).waitFor();
      expect(Object.fromEntries(requests.at(-1)!)).toEqual({ limit: '50', q: 'bulk', cursor: expect.any(String) });
      await page.getByLabel('Search titles').fill('bulk session 0');
      await page.getByRole('heading', { name: '9 sessions', exact: true }).waitFor();
      expect(await loadMore.count()).toBe(0);
      await page.getByLabel('Search titles').fill('');
      await page.getByRole('heading', { name: '50 of 63 sessions' }).waitFor();
      expect(await titles()).toEqual(firstPage);

      // The date range filters what is loaded, and says so while more remain.
      await page.getByLabel('Created').selectOption('7d');
      await page.getByRole('heading', { name: '50 sessions shown' }).waitFor();
      await page.getByText('50 sessions loaded so far').waitFor();

      // By keyboard: Enter on the button; when the last page is in, focus goes to the first new row.
      await loadMore.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '62 sessions', exact: true }).waitFor(); // the 20-day-old one is filtered out
      expect(await page.evaluate(() => document.activeElement?.closest('tbody tr') !== null)).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe((await titles())[50]);
      await page.getByRole('status').filter({ hasText: 'Loaded 13 more sessions. All sessions are shown.' }).waitFor({ state: 'attached' });
      await page.getByLabel('Created').selectOption('any');
      await page.getByRole('heading', { name: '63 sessions', exact: true }).waitFor();

      // Sorting orders the whole list, not the page loaded: the API sorts, and the next page continues its order.
      requests.length = 0;
      const titleSort = page.getByRole('columnheader', { name: 'Title' }).getByRole('button');
      await titleSort.click();
      await titleSort.click();
      await page.getByRole('heading', { name: '50 of 63 sessions' }).waitFor();
      const byTitleDesc = [...all].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase()));
      await expect.poll(titles).toEqual(byTitleDesc.slice(0, 50));
      // 'Old settings page glitch' was the least recently updated (the default order's second page): now it leads.
      expect(firstPage).not.toContain('Old settings page glitch');
      expect(Object.fromEntries(requests.at(-1)!)).toEqual({ limit: '50', sort: 'title', order: 'desc' });
      expect(await page.getByText(/Sorted among/).count()).toBe(0);
      await loadMore.click();
      await page.getByRole('heading', { name: '63 sessions', exact: true }).waitFor();
      expect(await titles()).toEqual(byTitleDesc);
      expect(Object.fromEntries(requests.at(-1)!)).toEqual({ limit: '50', sort: 'title', order: 'desc', cursor: expect.any(String) });
      // The sort is in the URL: a reload keeps it.
      await page.reload();
      await page.getByRole('heading', { name: '50 of 63 sessions' }).waitFor();
      expect(await titles()).toEqual(byTitleDesc.slice(0, 50));
      expect(await page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort')).toBe('descending');
    } finally {
      page.off('request', onRequest);
      await page.unroute('**/api/sessions?*cursor=*');
      await stack.app.db.$client.query(`delete from sessions where title like 'Bulk session %'`);
    }
  });

  it('deletes sessions in bulk after a confirmation that names them', async () => {
    const auth = await authHeader();
    const ids: string[] = [];
    for (const title of ['Bulk delete me 1', 'Bulk delete me 2', 'Bulk delete me 3']) {
      const res = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
      ids.push(((await res.json()) as { id: string }).id);
    }
    await page.goto(`${base}/sessions?q=delete%20me`);
    await page.getByRole('heading', { name: '3 sessions' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select all shown sessions' }).check();
    const bar = page.getByRole('region', { name: 'Selected sessions' });
    await bar.getByText('3 sessions selected').waitFor();
    await bar.getByRole('button', { name: 'Delete selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 3 sessions?' });
    await dialog.waitFor();
    expect(await dialog.getByRole('listitem').allInnerTexts()).toEqual(expect.arrayContaining(['Bulk delete me 1', 'Bulk delete me 2', 'Bulk delete me 3']));
    await expectClean();
    await shot(page, '09b-sessions-bulk-delete', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(3); // nothing went

    await page.getByRole('checkbox', { name: 'Select “Bulk delete me 2”' }).uncheck();
    await bar.getByText('2 sessions selected').waitFor();
    await bar.getByRole('button', { name: 'Delete selected…' }).click();
    await page.getByRole('dialog', { name: 'Delete 2 sessions?' }).getByRole('button', { name: 'Delete 2 sessions' }).click();
    await page.getByText('Deleted 2 sessions.').waitFor();
    await page.getByRole('heading', { name: '1 session' }).waitFor();
    expect(await page.getByRole('table').locator('tbody tr td.table__title').allInnerTexts()).toEqual(['Bulk delete me 2']);
    const statuses = await Promise.all(ids.map(async (id) => (await fetch(`${base}/api/sessions/${id}`, { headers: auth })).status));
    expect(statuses).toEqual([404, 200, 404]);
    await fetch(`${base}/api/sessions/${ids[1]}`, { method: 'DELETE', headers: auth });
  });

  it('creates an API token shown once, which works until it is revoked', async () => {
    await nav('Settings').click();
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByText('No API tokens yet.').waitFor();
    await tokens.getByLabel('Token name').fill('E2E script');
    await tokens.getByLabel('Expires after').selectOption('30');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy your new token' });
    await dialog.waitFor();
    const secret = await dialog.getByLabel('New API token').inputValue();
    expect(secret).toMatch(/^cs_pat_[0-9A-Za-z]{43}$/);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectClean();
    await shot(page, '10-api-token-created');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(secret);

    const pat = { authorization: `Bearer ${secret}` };
    expect((await fetch(`${base}/api/sessions`, { headers: pat })).status).toBe(200);
    const write = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { ...pat, 'content-type': 'application/json' }, body: '{"title":"x"}' });
    expect(write.status).toBe(403);
    await page.reload();
    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').nth(1);
    await row.getByText('E2E script').waitFor();
    expect(await row.locator('td').allInnerTexts()).toEqual(['E2E script', 'read', expect.any(String), expect.stringMatching(/\d{4}/), expect.stringMatching(/\d{4}/), 'Revoke']);
    await expectClean();
    await shot(page, '10-api-tokens');

    await row.getByRole('button', { name: 'Revoke E2E script' }).click();
    await page.getByRole('dialog', { name: 'Revoke this token?' }).getByRole('button', { name: 'Revoke token' }).click();
    await tokens.getByText('No API tokens yet.').waitFor();
    expect((await fetch(`${base}/api/sessions`, { headers: pat })).status).toBe(401);
  });

  it('changes every setting with PATCH, shows errors, and new recordings default to the chosen agent', async () => {
    await nav('Settings').click();
    await page.getByLabel('Default agent').waitFor();
    expect(await page.getByLabel('Maximum recording length').locator('option').allInnerTexts()).toEqual(['5 minutes', '10 minutes', '15 minutes', '30 minutes']);
    // The two selects stand level and the same height, whatever their hints' lengths.
    const [agentBox, lengthBox] = [await page.getByLabel('Default agent').boundingBox(), await page.getByLabel('Maximum recording length').boundingBox()];
    expect(agentBox!.y).toBe(lengthBox!.y);
    expect(agentBox!.height).toBe(lengthBox!.height);
    await page.getByLabel('Default agent').selectOption('CURSOR');
    await page.getByLabel('Maximum recording length').selectOption('15');
    await page.getByLabel('Include screenshots').uncheck();
    await page.getByLabel('Include raw diff').check();
    await expectClean();
    await shot(page, '10-settings');

    // A refused save says why and keeps the edits.
    await page.route('**/api/settings', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'maxRecordingLength must be one of 5, 10, 15, 30' }) })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('maxRecordingLength must be one of 5, 10, 15, 30').waitFor();
    await page.unroute('**/api/settings');

    // Unsaved edits are not dropped silently: leaving asks first, and staying keeps them.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await nav('Dashboard').click();
    expect(await asked).toContain('unsaved changes');
    expect(await page.getByLabel('Default agent').inputValue()).toBe('CURSOR');

    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    const saved = await (await fetch(`${base}/api/settings`, { headers: await authHeader() })).json();
    expect(saved).toEqual({ defaultAgent: 'CURSOR', includeScreenshots: false, inlineAriaTree: true, includeRawDiff: true, maxRecordingLength: 15, keepPlayback: false });
    await page.reload();
    expect(await page.getByLabel('Maximum recording length').inputValue()).toBe('15');

    await nav('New recording').click();
    await page.waitForFunction(() => (document.getElementById('agentTarget') as HTMLSelectElement | null)?.value === 'CURSOR');
  });

  // Retried: headless Chromium under load can drop every one of the three picker requests below (a clean-clone CI
  // run here at load 6–8 did); a person would press again, and the test does what it does the same way again.
  it('records the tab in the browser and sends it with its duration; an upload error keeps the form', { retry: 2 }, async () => {
    await page.getByRole('heading', { name: 'New recording' }).waitFor();
    await page.getByLabel('Record in the browser').check();
    await page.getByText('Recording stops by itself after 15 minutes').waitFor(); // the limit just saved
    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByRole('timer', { name: 'Recording time' }).waitFor();
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await page.getByLabel('Preview of the recording').waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Recorded in the browser');
    await page.getByLabel('Seed URL').fill(`${demo.url}/login`);
    await shot(page, '13-record-in-browser');

    // Answered by the test, not the API: the pipeline already ran once and one run is enough.
    let sent = '';
    await page.route('**/api/recordings*', (route) => {
      sent = route.request().postDataBuffer()?.toString('latin1') ?? '';
      return route.fulfill({ status: 415, contentType: 'application/json', body: JSON.stringify({ statusCode: 415, error: 'Unsupported Media Type', message: 'file is not a supported video' }) });
    });
    await page.getByRole('button', { name: 'Analyze recording' }).click();
    // A refused file is no longer the chosen one: the reason stands where the recording was.
    await page.getByRole('alert').filter({ hasText: 'file is not a supported video' }).waitFor();
    expect(await page.getByLabel('Preview of the recording').count()).toBe(0);
    expect(await page.getByText('The upload did not go through').count()).toBe(0);
    await page.unroute('**/api/recordings*');
    expect(sent).toMatch(/name="durationMs"\r\n\r\n(1[5-9]\d\d|[2-9]\d\d\d)\r\n/);
    expect(sent).toMatch(/name="agentTarget"\r\n\r\nCURSOR\r\n/);
    expect(sent).toMatch(/name="file"; filename="recording-[\d-]+\.webm"/);
    expect(sent.indexOf('name="title"')).toBeLessThan(sent.indexOf('name="file"')); // fields first
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Recorded in the browser');

    // A file: Enter on the focused picker opens the browser's file chooser, like a button would.
    await page.getByLabel('Upload a file').check();
    // The form re-renders as the mode switches: press Enter only once the picker itself holds the focus.
    const fileInput = page.locator('#recording-file');
    await fileInput.waitFor({ state: 'attached' });
    await fileInput.focus();
    await page.waitForFunction(() => document.activeElement?.id === 'recording-file');
    // Headless Chromium now and then drops a picker request (user activation is racy); a person would press again.
    let chooser: FileChooser | undefined;
    for (let attempt = 0; !chooser && attempt < 3; attempt++) {
      const next = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => undefined);
      await page.keyboard.press('Enter');
      chooser = await next;
    }
    expect(chooser, 'Enter on the focused picker opens the file chooser').toBeDefined();
    await chooser!.setFiles(video);
    await page.locator('.drop--filled').waitFor();
    // The server refuses it: the drop zone no longer shows it as chosen (not green), and says why.
    await page.route('**/api/recordings*', (route) =>
      route.fulfill({ status: 415, contentType: 'application/json', body: JSON.stringify({ statusCode: 415, error: 'Unsupported Media Type', message: 'file is not a supported video' }) }),
    );
    await page.getByRole('button', { name: 'Analyze recording' }).click();
    await page.getByRole('alert').filter({ hasText: 'file is not a supported video' }).waitFor();
    expect(await page.locator('.drop--filled').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(1); // one reason, not a stale one under it
    await page.unroute('**/api/recordings*');
  });

  it('is usable at 1024 and 768 px wide', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(sessionUrl);
    await page.getByRole('heading', { name: 'Login toast never shows' }).waitFor();
    await page.getByLabel('Claude Code prompt').waitFor();
    await expectClean();
    await shot(page, '11-session-detail-1024');
    // The time track and the frame's details in the dark theme (the system's preference).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.getByRole('listbox', { name: 'Frames' }).scrollIntoViewIfNeeded();
    await shot(page, '11b-session-track-dark', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });
    // A tablet's width: the same page, and the sessions list, without sideways scrolling.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectClean();
    await shot(page, '11c-session-detail-768');
    await nav('Sessions').click();
    await page.getByRole('heading', { name: /sessions?$/ }).first().waitFor();
    await page.getByRole('table').waitFor();
    await expectClean();
    await shot(page, '11d-sessions-768');
    await page.goBack();
    await page.getByRole('heading', { name: 'Login toast never shows' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('deletes a session after confirmation', async () => {
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this session?' });
    await dialog.waitFor();
    await shot(page, '12-delete-confirm', { fullPage: false }); // the modal's backdrop covers the viewport
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete session' }).click();
    await page.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
    await page.getByText('Deleted “Login toast never shows”.').waitFor();
    await page.getByRole('heading', { name: '2 sessions' }).waitFor();
    expect((await fetch(`${sessionUrl.replace(base, `${base}/api`)}`, { headers: await authHeader() })).status).toBe(404);
  });

  it('returns to sign-in when the token is rejected, and signs in again', async () => {
    await page.evaluate(() => {
      const auth = JSON.parse(localStorage.getItem('cs-auth')!) as { accessToken: string };
      localStorage.setItem('cs-auth', JSON.stringify({ ...auth, accessToken: 'not-a-valid-token' }));
    });
    await page.goto(`${base}/settings`);
    await page.getByText('Your session has expired').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('cs-auth'))).toBeNull();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('analytical-engine');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor(); // back where the user was
  });

  it('serves the app for client routes and keeps JSON 404s for unknown API paths', async () => {
    const spa = await fetch(`${base}/sessions/sess_NOPE1234`);
    expect(spa.status).toBe(200);
    expect(spa.headers.get('content-type')).toMatch(/text\/html/);
    const api = await fetch(`${base}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
