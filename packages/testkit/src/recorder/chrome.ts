import type { Browser, BrowserContext } from 'playwright-core';
import { decodePng, type RgbImage } from './png.js';

/** Height in CSS pixels of the browser window's tab strip + toolbar drawn above the page. */
export const CHROME_CSS_HEIGHT = 76;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A Chromium-like window top: one tab with the page title, an address bar with the URL. */
function html(title: string, url: string, dark: boolean): string {
  const c = dark
    ? { strip: '#202124', tab: '#35363a', text: '#e8eaed', muted: '#9aa0a6', bar: '#35363a', pill: '#202124' }
    : { strip: '#dee1e6', tab: '#ffffff', text: '#202124', muted: '#5f6368', bar: '#ffffff', pill: '#f1f3f4' };
  return `<!doctype html><html><head><style>
    * { box-sizing: border-box; margin: 0; }
    body { width: 100vw; height: ${CHROME_CSS_HEIGHT}px; overflow: hidden; font: 12px "DejaVu Sans", sans-serif; background: ${c.strip}; color: ${c.text}; }
    .strip { height: 36px; display: flex; align-items: flex-end; padding: 0 8px; gap: 6px; }
    .dots { display: flex; gap: 8px; align-self: center; margin-right: 10px; }
    .dots i { width: 12px; height: 12px; border-radius: 50%; display: block; }
    .tab { width: 240px; height: 30px; background: ${c.tab}; border-radius: 8px 8px 0 0; display: flex; align-items: center; gap: 8px; padding: 0 10px; }
    .fav { width: 16px; height: 16px; border-radius: 4px; background: #4f46e5; flex: none; }
    .title { flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .x, .plus { color: ${c.muted}; }
    .plus { font-size: 18px; align-self: center; margin-left: 6px; }
    .bar { height: 40px; background: ${c.bar}; display: flex; align-items: center; gap: 14px; padding: 0 12px; border-bottom: 1px solid ${dark ? '#000' : '#dadce0'}; }
    .nav { color: ${c.muted}; font-size: 16px; width: 16px; text-align: center; }
    .pill { flex: 1; height: 30px; border-radius: 15px; background: ${c.pill}; display: flex; align-items: center; padding: 0 14px; gap: 10px; font-size: 14px; }
    .lock { width: 10px; height: 8px; border: 2px solid ${c.muted}; border-radius: 2px; position: relative; top: 2px; }
    .host { color: ${c.text}; } .path { color: ${c.muted}; }
  </style></head><body>
    <div class="strip"><span class="dots"><i style="background:#ff5f57"></i><i style="background:#febc2e"></i><i style="background:#28c840"></i></span>
      <div class="tab"><span class="fav"></span><span class="title">${esc(title || url)}</span><span class="x">✕</span></div><span class="plus">+</span></div>
    <div class="bar"><span class="nav">←</span><span class="nav">→</span><span class="nav">↻</span>
      <div class="pill"><span class="lock"></span><span><span class="host">${esc(url.replace(/^https?:\/\/([^/]+).*$/, '$1'))}</span><span class="path">${esc(url.replace(/^https?:\/\/[^/]+/, ''))}</span></span></div>
      <span class="nav">⋮</span></div>
  </body></html>`;
}

/**
 * The browser window around the page in "window" recordings, rendered by a page of its own (so its
 * text looks like a browser's) and redrawn only when the title or URL changes. Since the chrome is
 * part of what the viewer sees change on a navigation, it is part of the ground-truth content.
 */
export class BrowserChrome {
  private key = '';
  image: RgbImage | null = null;

  private constructor(private readonly context: BrowserContext, private readonly dark: boolean) {}

  static async open(browser: Browser, o: { cssWidth: number; scale: number; dark: boolean }): Promise<BrowserChrome> {
    const context = await browser.newContext({ viewport: { width: o.cssWidth, height: CHROME_CSS_HEIGHT }, deviceScaleFactor: o.scale });
    return new BrowserChrome(context, o.dark);
  }

  /** Redraws for this title and URL; true when the picture changed. `url` is shown as given. */
  async update(title: string, url: string): Promise<boolean> {
    const key = `${title}\n${url}`;
    if (key === this.key) return false;
    this.key = key;
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    await page.setContent(html(title, url, this.dark), { waitUntil: 'load' });
    // Captured until two captures agree, like the page: fonts and raster may still be settling.
    let png = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
    for (let tries = 0; tries < 5; tries++) {
      const again = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
      if (again.equals(png)) break;
      png = again;
    }
    this.image = decodePng(png);
    return true;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
