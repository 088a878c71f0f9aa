import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Pages the Playwright lane tests need beyond the demo app, on 127.0.0.1: an open redirect, a page whose
 * subresources redirect elsewhere, a page with secrets; and a "victim" server that only counts requests
 * (a private service the guard must never reach).
 */
export interface Site {
  port: number;
  close(): Promise<void>;
}
export interface Victim extends Site {
  url: string;
  hits: string[];
}

const html = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`;

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const closer = (server: http.Server) => () =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export async function startSite(): Promise<Site> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
      return res.end();
    }
    if (url.pathname === '/subresources') {
      const target = url.searchParams.get('target') ?? '';
      const via = (path: string) => `/redirect?to=${encodeURIComponent(target + path)}`;
      return send(
        html(
          'Subresources',
          `<main><h1>Subresources</h1>
          <img alt="pixel" src="${via('/pixel.png')}" width="1" height="1">
          <iframe title="inner" src="${via('/admin')}"></iframe>
          <p id="out">waiting</p>
          <script>
            fetch(${JSON.stringify(via('/api/secret'))})
              .then((r) => r.text(), (e) => 'fetch failed: ' + e.message)
              .then((t) => { document.getElementById('out').textContent = t; });
          </script></main>`,
        ),
      );
    }
    if (url.pathname === '/address-forms') {
      // Loopback, link-local and unique-local in the spellings a page can use; the browser canonicalises some.
      const port = url.searchParams.get('port') ?? '80';
      const hosts = ['[::1]', '[::ffff:127.0.0.1]', '2130706433', '0x7f.1', '[fe80::1]', '[fd12:3456::1]', '169.254.169.254', 'localhost.'];
      return send(html('Address forms', `<main><h1>Address forms</h1>${hosts.map((h, i) => `<img alt="${i}" src="http://${h}:${port}/${i}.png">`).join('')}</main>`));
    }
    if (url.pathname === '/secrets') {
      // A password field whose label says nothing of passwords, and a provider key shown in the page.
      return send(
        html(
          'Secrets',
          `<main><h1>Secrets</h1>
          <label>Word of entry <input type="password" id="word"></label>
          <p>Your API key: sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv</p>
          <button type="button" onclick="document.getElementById('echo').textContent = 'You typed ' + document.getElementById('word').value">Show</button>
          <p id="echo"></p></main>`,
        ),
      );
    }
    if (url.pathname === '/tabs') {
      // Two ways a page opens a tab of its own: a link with target=_blank, and window.open.
      return send(
        html(
          'Tabs',
          `<main><h1>Tabs</h1>
          <a href="/tab-help" target="_blank">Open help</a>
          <a href="/tab-help?slow=1" target="_blank">Open slow help</a>
          <button type="button" onclick="window.open('/tab-help?via=window.open')">Open window</button></main>`,
        ),
      );
    }
    if (url.pathname === '/tab-help') {
      // A tab that logs an error a moment after it opened, and can close itself; ?slow answers after 1.5 s,
      // long after the page that opened it has gone quiet.
      const answer = () => send(
        html(
          'Help',
          `<main><h1>Help</h1><p>You are in the help tab.</p>
          <button type="button" onclick="window.close()">Close help</button>
          <script>setTimeout(() => console.error('help tab error'), 100);</script></main>`,
        ),
      );
      return void (url.searchParams.has('slow') ? setTimeout(answer, 1_500) : answer());
    }
    if (url.pathname.startsWith('/settle/')) return void settlePage(url, send);
    send(html('Public page', `<main><h1>Public page</h1><p>${url.pathname}</p></main>`));
  });
  const port = await listen(server);
  return { port, close: closer(server) };
}

/**
 * Pages for the settle tests: each answers one click in its own way — at once, after a late fetch, by a late
 * redirect, with a CSS transition, while a countdown ticks in the background, by starting a stopwatch that never stops.
 */
function settlePage(url: URL, send: (body: string) => void): void {
  const button = (label: string, onclick: string) => `<button type="button" onclick="${onclick}">${label}</button>`;
  switch (url.pathname) {
    case '/settle/instant':
      return send(html('Instant', `<main><h1>Instant</h1>${button('Add', "const o = document.getElementById('n'); o.textContent = String(+o.textContent + 1)")}<p id="n">0</p></main>`));
    case '/settle/countdown':
      // Tenths of a second, ticking every 50 ms for a minute on a chain of timers: the page never holds still.
      return send(
        html(
          'Countdown',
          `<main><h1>Countdown</h1><p id="left">60.0</p>${button('Add', "const o = document.getElementById('n'); o.textContent = String(+o.textContent + 1)")}<p id="n">0</p>
          <script>const end = Date.now() + 60000; (function tick() { document.getElementById('left').textContent = Math.max(0, (end - Date.now()) / 1000).toFixed(1); setTimeout(tick, 50); })();</script></main>`,
        ),
      );
    case '/settle/stopwatch':
      // A click starts a stopwatch in hundredths, ticking every 30 ms: from then on the page never holds still.
      return send(
        html(
          'Stopwatch',
          `<main><h1>Stopwatch</h1>${button('Start', "const t0 = Date.now(); setInterval(() => { document.getElementById('time').textContent = ((Date.now() - t0) / 1000).toFixed(2); }, 30)")}<p id="time">0.00</p></main>`,
        ),
      );
    case '/settle/toast':
      // A toast that fades in over 150 ms and hides itself after 1.5 s: the user saw it; so must the capture.
      return send(
        html(
          'Toast',
          `<style>.toast { animation: fade 150ms ease-out; } @keyframes fade { from { opacity: 0; } }</style>
          <main><h1>Toast</h1>${button('Save', "const t = document.createElement('div'); t.className = 'toast'; t.setAttribute('role', 'status'); t.textContent = 'Saved'; document.body.append(t); setTimeout(() => t.remove(), 1500)")}</main>`,
        ),
      );
    case '/settle/spinner':
      // A CSS spinner (an endless animation) for 1.2 s, then the result: the spinner is the page still answering.
      return send(
        html(
          'Spinner',
          `<style>.spin { display: inline-block; width: 12px; height: 12px; border: 2px solid #999; border-top-color: transparent; border-radius: 50%; animation: spin 800ms linear infinite; } @keyframes spin { to { transform: rotate(360deg); } }</style>
          <main><h1>Spinner</h1>${button('Load', "const o = document.getElementById('out'); o.innerHTML = '<span class=spin></span> Loading'; setTimeout(() => { o.textContent = 'Loaded'; }, 1200)")}<p id="out">idle</p></main>`,
        ),
      );
    case '/settle/late-fetch':
      return send(
        html(
          'Late fetch',
          `<main><h1>Late fetch</h1>${button('Load', "fetch('/settle/answer').then((r) => r.text()).then((t) => { document.getElementById('out').textContent = t; })")}<p id="out">nothing yet</p></main>`,
        ),
      );
    case '/settle/answer':
      return void setTimeout(() => send('Answer: 42'), 800);
    case '/settle/late-redirect':
      return send(html('Late redirect', `<main><h1>Late redirect</h1>${button('Continue', "setTimeout(() => location.assign('/settle/next'), 500)")}</main>`));
    case '/settle/next':
      return send(html('Next', '<main><h1>Next page</h1></main>'));
    case '/settle/transition':
      // A panel that slides open over 600 ms (a CSS transition): the capture waits for it to end.
      return send(
        html(
          'Transition',
          `<style>#panel { transition: transform 600ms linear; transform: scaleY(0.01); } #panel.open { transform: none; }</style>
          <main><h1>Transition</h1>${button('Open', "document.getElementById('panel').classList.add('open')")}<div id="panel"><p>Panel</p></div></main>`,
        ),
      );
    default:
      return send(html('Missing', '<main><h1>No such settle page</h1></main>'));
  }
}

export async function startVictim(): Promise<Victim> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '/');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<h1>Internal admin</h1>');
  });
  const port = await listen(server);
  return { port, url: `http://127.0.0.1:${port}`, hits, close: closer(server) };
}
