import type { Page, Request } from 'playwright-core';
import { maskSecretText } from '@claude-scope/aria';
import type { GuardProxy } from '../browser/guard-proxy.js';
import type { FailedRequest } from '@claude-scope/pipeline';

// A request still unanswered after this long is a long poll: it no longer keeps the page "busy".
const LONG_REQUEST_MS = 2_000;
const MAX_TEXT = 2_000;

/**
 * What a page did between two captures: console errors, failed requests (with the guard's reason when the
 * proxy refused or could not make the connection), network activity, and the last failed main-frame navigation.
 */
export class PageLog {
  private consoleErrors: string[] = [];
  private failedRequests: FailedRequest[] = [];
  private readonly inflight = new Map<Request, number>();
  private readonly answered = new WeakSet<Request>();
  private lastNetworkActivity = Date.now();
  /** The main-frame navigation under way (request sent, new document not yet parsed), and when it began. */
  private navigation: { request: Request; since: number } | undefined;
  /** The last main-frame navigation request that failed (a redirect hop, possibly), since `resetNavigation()`. */
  navigationFailure: { url: string; error: string } | undefined;

  constructor(
    page: Page,
    private readonly proxy: GuardProxy,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text().slice(0, MAX_TEXT));
    });
    page.on('pageerror', (e) => this.consoleErrors.push(`${e.name}: ${e.message}`.slice(0, MAX_TEXT)));
    page.on('request', (r) => {
      this.inflight.set(r, Date.now());
      this.lastNetworkActivity = Date.now();
      // A redirect hop is a new request of the same navigation: keep when it began.
      if (r.isNavigationRequest() && frameOf(r) === page.mainFrame()) this.navigation = { request: r, since: this.navigation?.since ?? Date.now() };
    });
    page.on('domcontentloaded', () => (this.navigation = undefined));
    // A navigation answered by a download or 204/205 leaves the document in place.
    page.on('download', () => (this.navigation = undefined));
    page.on('requestfinished', (r) => this.settled(r));
    page.on('requestfailed', (r) => {
      this.settled(r);
      if (r === this.navigation?.request) this.navigation = undefined;
      // Cancelled after the answer came (the page navigated away while reading it): not a failure.
      if (this.answered.has(r) && /ERR_ABORTED/.test(r.failure()?.errorText ?? '')) return;
      const error = this.explain(r.url(), r.failure()?.errorText ?? 'failed');
      this.failedRequests.push({ method: r.method(), url: r.url(), error });
      if (r.isNavigationRequest() && frameOf(r) === page.mainFrame()) this.navigationFailure = { url: r.url(), error };
    });
    page.on('response', (r) => {
      // Headers in: the server answered. A body the page never reads (or a stream) must not look busy forever.
      this.settled(r.request());
      this.answered.add(r.request());
      if (r.request() === this.navigation?.request && (r.status() === 204 || r.status() === 205)) this.navigation = undefined;
      if (r.status() >= 400) this.failedRequests.push({ method: r.request().method(), url: r.url(), status: r.status() });
    });
  }

  private settled(r: Request): void {
    this.inflight.delete(r);
    this.lastNetworkActivity = Date.now();
  }

  /** Chromium says only ERR_SOCKS_CONNECTION_FAILED when the guard proxy failed a connection: ask it why. */
  explain(url: string, errorText: string): string {
    if (!/ERR_SOCKS_CONNECTION_FAILED|ERR_PROXY_CONNECTION_FAILED/.test(errorText)) return errorText;
    const failure = this.proxy.failureFor(url);
    if (!failure) return errorText;
    return failure.blocked ? `blocked: ${failure.reason}` : failure.reason;
  }

  resetNavigation(): void {
    this.navigationFailure = undefined;
  }

  /** Whether a main-frame navigation begun less than `maxAgeMs` ago has not produced its document yet. */
  navigating(maxAgeMs: number): boolean {
    if (this.navigation && Date.now() - this.navigation.since >= maxAgeMs) this.navigation = undefined;
    return this.navigation !== undefined;
  }

  /** Whether a request younger than a long poll is in flight. */
  requestsInFlight(): boolean {
    const now = Date.now();
    for (const started of this.inflight.values()) if (now - started < LONG_REQUEST_MS) return true;
    return false;
  }

  /** Whether any request started, was answered or ended at or after `since` (epoch ms). */
  activeSince(since: number): boolean {
    return this.lastNetworkActivity >= since || this.requestsInFlight();
  }

  /** ms the network has been quiet (no young request in flight, none started or ended), 0 while busy. */
  networkQuietMs(): number {
    return this.requestsInFlight() ? 0 : Date.now() - this.lastNetworkActivity;
  }

  /** Errors and failed requests since the last call, secrets masked. */
  take(): { consoleErrors: string[]; failedRequests: FailedRequest[] } {
    return {
      consoleErrors: this.consoleErrors.splice(0).map(maskSecretText),
      failedRequests: this.failedRequests.splice(0).map((f) => ({
        ...f,
        url: maskSecretText(f.url),
        ...(f.error ? { error: maskSecretText(f.error) } : {}),
      })),
    };
  }
}

/** Service-worker requests have no frame (Playwright throws). */
function frameOf(r: Request) {
  try {
    return r.frame();
  } catch {
    return undefined;
  }
}
