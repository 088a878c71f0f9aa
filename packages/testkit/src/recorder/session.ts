import { startDemoApp } from '../app/server.js';
import type { AiNode } from '../aria-truth.js';
import type { Scenario } from '../scenarios/types.js';
import { buildTruth, TRUTH_ORIGIN, type Truth } from '../truth.js';
import { DETERMINISTIC_RASTER_ARGS, launchChromium } from './browser.js';
import { BrowserChrome, CHROME_CSS_HEIGHT } from './chrome.js';
import { Driver } from './driver.js';
import { Encoder, type VideoFormat } from './encoder.js';
import { Recorder } from './recorder.js';
import { createRng } from './rng.js';
import { pageRuntimeSource } from './runtime-source.js';

export interface RecordOptions {
  format: VideoFormat;
  width: number;
  height: number;
  fps: number;
  videoPath: string;
  verify?: boolean;
}

/** Layout width in CSS pixels: every output size shows the same layout, scaled. */
export const CSS_WIDTH = 1280;

/**
 * Pixel size the page is captured at. Below 1280 wide the page is captured at 1× and ffmpeg scales it
 * down: Chromium's raster at a device scale under 1 is not stable (an edge can flip between two
 * anti-aliasings with no change to the page), and the ground truth must not depend on luck.
 */
export function captureGeometry(width: number, height: number, fps: number, window = false) {
  const totalCss = Math.round((height * CSS_WIDTH) / width);
  const scale = Math.max(1, width / CSS_WIDTH);
  const chromeHeight = window ? CHROME_CSS_HEIGHT : 0;
  return {
    fps,
    width: Math.round(CSS_WIDTH * scale),
    height: Math.round(totalCss * scale),
    cssWidth: CSS_WIDTH,
    cssHeight: totalCss - chromeHeight,
    scale,
    chromeHeight,
  };
}

/** Drives `scenario` in a fresh browser against a fresh demo app and encodes it to `videoPath`. */
export async function recordScenario(scenario: Scenario, o: RecordOptions): Promise<{ truth: Truth; missedChanges: number }> {
  if (o.width % 2 || o.height % 2) throw new Error('width and height must be even (yuv420p)');
  const window = scenario.frame === 'window';
  const dark = scenario.theme === 'dark';
  const geometry = captureGeometry(o.width, o.height, o.fps, window);
  const app = await startDemoApp();
  const browser = await launchChromium(DETERMINISTIC_RASTER_ARGS);
  let encoder: Encoder | undefined;
  try {
    const context = await browser.newContext({
      viewport: { width: geometry.cssWidth, height: geometry.cssHeight },
      deviceScaleFactor: geometry.scale,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    await context.addInitScript({ content: pageRuntimeSource() });
    // The demo app reads its theme from localStorage before it paints; a user's later choice still wins.
    if (dark) await context.addInitScript({ content: "try { localStorage.getItem('demo-theme') || localStorage.setItem('demo-theme', 'dark'); } catch (e) {}" });
    const chrome = window ? await BrowserChrome.open(browser, { cssWidth: geometry.cssWidth, scale: geometry.scale, dark }) : null;
    const displayUrl = (u: string) => (u.startsWith(app.url) ? TRUTH_ORIGIN + u.slice(app.url.length) : u);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    encoder = Encoder.start(o.videoPath, { ...o, inputWidth: geometry.width, inputHeight: geometry.height });
    const rng = createRng(scenario.name);
    const ariaTree = async () => (await page.ariaSnapshotJSON({ mode: 'ai', timeout: 10_000 })) as unknown as AiNode[];
    const rec = new Recorder(cdp, encoder, geometry, { x: geometry.cssWidth * 0.62, y: geometry.cssHeight * 0.72 }, o.verify, chrome, displayUrl, ariaTree, scenario.pointer !== 'none');
    const driver = new Driver(page, rec, app.url, rng);
    await driver.goto(scenario.start);
    await scenario.run(driver);
    await encoder.finish();
    const truth = buildTruth({ scenario: scenario.name, width: o.width, height: o.height, fps: o.fps, origin: app.url }, rec.frames, rec.timeline, rec.ariaCaptures, rec.shown);
    return { truth, missedChanges: rec.missedChanges };
  } catch (err) {
    encoder?.abort();
    throw err;
  } finally {
    await browser.close();
    await app.close();
  }
}
