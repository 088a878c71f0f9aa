import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TimelineEvent } from '@claude-scope/testkit';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The lane is TypeScript source of the worker, which exports no library; bench/ compiles with rootDir '.', so it
// is imported by computed path (as bench:aria does) and typed by the shapes used here (PlaywrightStep, StepTiming
// in packages/pipeline/src/lane-results.ts).
export type SettleWait = 'navigation' | 'network' | 'response' | 'animation' | 'dom';
export const SETTLE_WAITS: readonly SettleWait[] = ['navigation', 'network', 'response', 'animation', 'dom'];
export interface StepTiming {
  actionMs: number;
  settleMs: number;
  waits: Record<SettleWait, number>;
  captureMs: number;
  /** After the capture, watching for states the page reaches on its own before the next event (absent: older lane). */
  watchMs?: number;
  keptChanging?: SettleWait;
}
export interface Step {
  t: number;
  event?: TimelineEvent;
  failure?: string;
  timing?: StepTiming;
  /** States the page reached on its own after the capture, with their moments (see watch.ts). */
  later?: { at: number }[];
}
interface Manager {
  close(): Promise<void>;
}
interface LaneModule {
  captureSteps(browser: Manager, opts: {
    seedUrl: string;
    timeline: TimelineEvent[];
    policy: { allowPrivate: boolean; allowedHosts: string[] };
    navigationTimeoutMs: number;
    signal: AbortSignal;
  }): Promise<Step[]>;
}
interface ManagerModule {
  BrowserManager: new (opts: { executablePath: string; noSandbox?: boolean; maxPages: number; log: unknown }) => Manager;
}

const silentLog = { info() {}, warn() {}, error() {}, debug() {}, child() { return silentLog; } };

export interface Lane {
  /** `captureSteps` as the worker's job calls it (the full timeline, its leading `navigate` included), timed. */
  replay(seedUrl: string, timeline: TimelineEvent[]): Promise<{ steps: Step[]; wallMs: number }>;
  close(): Promise<void>;
}

/** One warm Chromium (as in a worker process) with the SSRF policy allowing only the demo app's loopback address. */
export async function openLane(demoUrl: string): Promise<Lane> {
  const load = <T>(rel: string) => import(path.join(ROOT, rel)) as Promise<T>;
  const [{ captureSteps }, { BrowserManager }] = await Promise.all([
    load<LaneModule>('services/worker/src/playwright/playwright-lane.ts'),
    load<ManagerModule>('services/worker/src/browser/manager.ts'),
  ]);
  // scripts/env.sh sets CHROMIUM_NO_SANDBOX=true for root, where Chromium refuses its sandbox.
  const browser = new BrowserManager({ executablePath: CHROMIUM, noSandbox: process.env.CHROMIUM_NO_SANDBOX === 'true', maxPages: 1, log: silentLog });
  const policy = { allowPrivate: false, allowedHosts: [new URL(demoUrl).host] };
  return {
    async replay(seedUrl, timeline) {
      const t0 = performance.now();
      const steps = await captureSteps(browser, { seedUrl, timeline, policy, navigationTimeoutMs: 15_000, signal: new AbortController().signal });
      return { steps, wallMs: performance.now() - t0 };
    },
    close: () => browser.close(),
  };
}
