/** An address-bar-like strip (tab with the page title, URL pill), drawn above "window" frames. */
export const STRIP_CSS_HEIGHT = 76;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function stripHtml(title: string, url: string, dark: boolean): string {
  const c = dark
    ? { strip: '#202124', tab: '#35363a', text: '#e8eaed', muted: '#9aa0a6', bar: '#35363a', pill: '#202124' }
    : { strip: '#dee1e6', tab: '#ffffff', text: '#202124', muted: '#5f6368', bar: '#ffffff', pill: '#f1f3f4' };
  const host = url.replace(/^https?:\/\/([^/]+).*$/, '$1');
  const rest = url.replace(/^https?:\/\/[^/]+/, '');
  return `<!doctype html><html><head><style>
    * { box-sizing: border-box; margin: 0; }
    body { height: ${STRIP_CSS_HEIGHT}px; overflow: hidden; font: 12px "DejaVu Sans", sans-serif; background: ${c.strip}; color: ${c.text}; }
    .strip { height: 36px; display: flex; align-items: flex-end; padding: 0 8px 0 80px; }
    .tab { width: 240px; height: 30px; background: ${c.tab}; border-radius: 8px 8px 0 0; display: flex; align-items: center; padding: 0 10px; }
    .bar { height: 40px; background: ${c.bar}; display: flex; align-items: center; padding: 0 12px 0 90px; }
    .pill { flex: 1; height: 30px; border-radius: 15px; background: ${c.pill}; display: flex; align-items: center; padding: 0 14px; font-size: 14px; }
    .path { color: ${c.muted}; }
  </style></head><body>
    <div class="strip"><div class="tab"><span>${esc(title)}</span></div></div>
    <div class="bar"><div class="pill"><span>${esc(host)}</span><span class="path">${esc(rest)}</span></div></div>
  </body></html>`;
}
