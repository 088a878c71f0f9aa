/**
 * The real service for the app benchmarks and the README pictures: a fresh database, the API serving the built web
 * app, one worker, the testkit's demo app as the recorded site, and realistic testkit recordings uploaded with their
 * timelines and processed to the end (never a synthetic video, never a session left "Processing").
 */
import { randomBytes } from 'node:crypto';
import { generateRecording, rebaseTruth, startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { Stack } from '../../../services/worker/test/harness.js';

export interface Account {
  accessToken: string;
  user: { id: string; name: string; email: string };
  auth: { authorization: string };
}

export class AppStack {
  readonly stack = new Stack();
  demo!: DemoApp;

  async start(): Promise<this> {
    [this.demo] = await Promise.all([startDemoApp(), this.stack.start().then(() => this.stack.spawnWorker())]);
    return this;
  }

  get url(): string {
    return this.stack.apiUrl;
  }

  async signup(name: string): Promise<Account> {
    const email = `${name.split(' ')[0]!.toLowerCase()}-${randomBytes(3).toString('hex')}@example.com`;
    const res = await fetch(`${this.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, email, password: 'correct-horse-battery' }),
    });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string; user: Account['user'] };
    return { ...body, auth: { authorization: `Bearer ${body.accessToken}` } };
  }

  /** Uploads a testkit scenario's recording (cached by the testkit) with its timeline and waits until it is processed. */
  async process(account: Account, scenario: string, title: string, notes?: string): Promise<{ sessionId: string; frames: number; ms: number }> {
    const rec = await generateRecording(scenario);
    const truth = rebaseTruth(rec.truth, this.demo.url);
    const seedUrl = truth.timeline.find((e) => e.type === 'navigate')?.url ?? this.demo.url;
    const started = Date.now();
    const res = await this.stack.upload(account.auth, rec.videoPath, {
      title,
      seedUrl,
      ...(notes ? { notes } : {}),
      timeline: JSON.stringify(truth.timeline),
      durationMs: String(truth.durationMs),
    }, { filename: rec.videoPath.split('/').at(-1), query: '?wait=false' });
    // Answered at once (202), then polled: on a busy machine processing outlasts any HTTP client's patience.
    if (res.status !== 202) throw new Error(`${scenario}: upload answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    const sessionId = res.body.sessionId as string;
    const last = (await this.stack.pollStatus(account.auth, sessionId, 20 * 60_000)).at(-1);
    if (last.sessionStatus !== 'complete') throw new Error(`${scenario}: processing ended ${last.sessionStatus}: ${last.lastError}`);
    const ms = Date.now() - started;
    const session = await this.stack.get(account.auth, `/api/sessions/${sessionId}/overview`);
    return { sessionId, frames: (session.frames as unknown[]).length, ms };
  }

  async stop(): Promise<void> {
    await this.stack.stop();
    await this.demo?.close();
  }
}

/** Debian's Chromium (no browser downloads), signed in as `account` for every page of the context. */
export async function signedInBrowser(base: string, account: Account, viewport = { width: 1280, height: 800 }): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport, baseURL: base });
  const auth = JSON.stringify({ accessToken: account.accessToken, user: account.user });
  await context.addInitScript({ content: `localStorage.setItem('cs-auth', ${JSON.stringify(auth)});` });
  return { browser, context };
}
