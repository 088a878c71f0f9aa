import { chromium, type Browser } from 'playwright-core';

/** Playwright cannot download browsers here: always the system Chromium, headless, no background noise. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/**
 * For recordings: re-rasterizing only the damaged part of a tile can anti-alias an untouched edge
 * differently from a full raster, so identical pages could give different pixels.
 */
export const DETERMINISTIC_RASTER_ARGS = ['--disable-partial-raster'];
