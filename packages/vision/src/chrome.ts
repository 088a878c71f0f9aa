import { bottom, type Box } from './geometry.js';
import type { Line } from './lines.js';

/** The browser's own strip above the page, where the recording shows one. */
export interface BrowserChrome {
  /** The address bar's line: where its URL is read again when that part of the screen changes. */
  addressBar: Box;
}

/** Words longer than this are never a URL worth reading (and no pattern ever runs on more). */
const MAX_URL_WORD = 500;
// host[:port][/path…], anchored, one pass: labels are separated by dots, so nothing backtracks.
const URL_WORD = /^(?:(https?):\/\/)?((?:localhost|\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}))(:\d{1,5})?([/?#][^\s]*)?$/i;
/** The address bar sits in this top share of a recording of a whole browser window. */
export const CHROME_SHARE = 0.16;

/**
 * A URL as an address bar shows it (`localhost:5173/login`, `https://shop.test/cart`, `Not secure | host/path`) →
 * an absolute URL; null for anything else. The scheme, when the bar hides it, is the seed URL's for the same
 * host, else https (or http for localhost and IP addresses).
 */
export function urlFromText(text: string, seedUrl?: string): string | null {
  for (const raw of text.split(/\s+/)) {
    const word = raw.replace(/^[|•·›»]+/, '');
    if (word.length < 4 || word.length > MAX_URL_WORD) continue;
    const m = URL_WORD.exec(word);
    if (!m) continue;
    const [, scheme, host, port = '', rest = ''] = m;
    // A bare word with a dot ("e.g", "v1.2") is not an address; a host needs a port, a path, a scheme or a known shape.
    if (!scheme && !port && !rest && !/^(localhost|www\.)/i.test(host!)) continue;
    const lower = host!.toLowerCase();
    let s = scheme?.toLowerCase();
    if (!s && seedUrl) {
      try {
        const seed = new URL(seedUrl);
        if (seed.hostname === lower) s = seed.protocol.replace(':', '');
      } catch {
        /* no usable seed */
      }
    }
    s ??= lower === 'localhost' || /^\d/.test(lower) ? 'http' : 'https';
    try {
      return new URL(`${s}://${lower}${port}${rest}`).href;
    } catch {
      continue;
    }
  }
  return null;
}

/** Finds the address bar among a full frame's lines: a URL in the top strip of the frame. */
export function findChrome(lines: readonly Line[], frame: { width: number; height: number }, seedUrl?: string): BrowserChrome | null {
  const top = frame.height * CHROME_SHARE;
  const bar = lines.find((l) => bottom(l.box) <= top && urlFromText(l.text, seedUrl) !== null);
  return bar ? { addressBar: bar.box } : null;
}

/** The tab's title: the first line above the address bar (the tab strip), if any. */
export function titleAbove(lines: readonly Line[], chrome: BrowserChrome): string | undefined {
  const above = lines.filter((l) => bottom(l.box) <= chrome.addressBar.y + 2).sort((a, b) => a.box.x - b.box.x);
  const title = above[0]?.text.trim();
  return title ? title.slice(0, 200) : undefined;
}
