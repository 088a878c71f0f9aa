import { startDemoApp } from '../app/server.js';
import type { Scenario } from '../scenarios/types.js';
import { buildTruth, type Truth } from '../truth.js';
import { launchChromium } from './browser.js';
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

/** Layout width in CSS pixels: every output size shows the same layout, scaled (640 wide = 0.5×). */
export const CSS_WIDTH = 1280;

/** Drives `scenario` in a fresh browser against a fresh demo app and encodes it to `videoPath`. */
export async function recordScenario(scenario: Scenario, o: RecordOptions): Promise<{ truth: Truth; missedChanges: number }> {
  if (o.width % 2 || o.height % 2) throw new Error('width and height must be even (yuv420p)');
  const scale = o.width / CSS_WIDTH;
  const geometry = { fps: o.fps, width: o.width, height: o.height, cssWidth: CSS_WIDTH, cssHeight: Math.round(o.height / scale), scale };
  const app = await startDemoApp();
  const browser = await launchChromium();
  let encoder: Encoder | undefined;
  try {
    const context = await browser.newContext({
      viewport: { width: geometry.cssWidth, height: geometry.cssHeight },
      deviceScaleFactor: scale,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    await context.addInitScript({ content: pageRuntimeSource() });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    encoder = Encoder.start(o.videoPath, o);
    const rng = createRng(scenario.name);
    const rec = new Recorder(cdp, encoder, geometry, { x: geometry.cssWidth * 0.62, y: geometry.cssHeight * 0.72 }, o.verify);
    const driver = new Driver(page, rec, app.url, rng);
    await driver.goto(scenario.start);
    await scenario.run(driver);
    await encoder.finish();
    const truth = buildTruth({ scenario: scenario.name, width: o.width, height: o.height, fps: o.fps, origin: app.url }, rec.frames, rec.timeline);
    return { truth, missedChanges: rec.missedChanges };
  } catch (err) {
    encoder?.abort();
    throw err;
  } finally {
    await browser.close();
    await app.close();
  }
}
