import net from 'node:net';
import { BlockedUrlError, resolveAllowed, UnresolvedHostError, type UrlPolicy } from './ssrf.js';
import { CMD_CONNECT, NO_ACCEPTABLE_METHOD, NO_AUTH, parseGreeting, parseRequest, reply, REPLY, SOCKS_VERSION, type ConnectRequest } from './socks5.js';

/**
 * The SSRF guard as a SOCKS5 proxy on loopback, one per job, that the job's browser context sends every
 * connection through. Why a proxy and not Playwright's route(): route() only sees the first request of a
 * redirect chain (navigations and subresources alike), and lets Chromium resolve names itself. Through SOCKS5
 * Chromium sends the host *name* for every connection — each redirect hop, subresource, iframe, WebSocket and
 * fetch, loopback included — so the proxy resolves it once, applies the policy to the answer and connects to
 * exactly that address (no DNS rebinding window between check and connect).
 */
export interface ConnectionFailure {
  host: string;
  port: number;
  /** true: refused by the policy; false: the target was unreachable. */
  blocked: boolean;
  /** Human wording, e.g. `connection refused` or the policy's sentence. */
  reason: string;
}

export interface GuardProxy {
  /** For Playwright's `proxy.server`. */
  readonly server: string;
  /**
   * Why the last connection to this URL's host and port failed, if it did. Chromium reports every SOCKS failure
   * as net::ERR_SOCKS_CONNECTION_FAILED, so the lane asks here for the real reason.
   */
  failureFor(url: string): ConnectionFailure | undefined;
  close(): Promise<void>;
}

const CODE_REASON: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'address unreachable',
  ENETUNREACH: 'network unreachable',
};

/** One spelling per host, so what the browser sent and what a URL says compare equal (e.g. IPv6 forms). */
function hostKey(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  let canonical = bare.toLowerCase();
  try {
    canonical = new URL(`http://${net.isIPv6(bare) ? `[${bare}]` : bare}/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    // not a valid host: keep it as it is (it cannot match a URL anyway)
  }
  return `${canonical}:${port}`;
}

function urlKey(raw: string): string | undefined {
  try {
    const u = new URL(raw);
    const port = Number(u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? 443 : 80));
    return hostKey(u.hostname, port);
  } catch {
    return undefined;
  }
}

export async function startGuardProxy(policy: UrlPolicy, opts: { connectTimeoutMs?: number } = {}): Promise<GuardProxy> {
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  const failures = new Map<string, ConnectionFailure>();
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };

  const fail = (client: net.Socket, req: ConnectRequest, code: number, blocked: boolean, reason: string) => {
    failures.set(hostKey(req.host, req.port), { host: req.host, port: req.port, blocked, reason });
    client.end(reply(code));
  };

  async function connect(client: net.Socket, req: ConnectRequest): Promise<void> {
    if (req.command !== CMD_CONNECT) return void client.end(reply(REPLY.commandNotSupported));
    let target;
    try {
      target = await resolveAllowed(req.host, req.port, policy);
    } catch (err) {
      if (err instanceof BlockedUrlError) return fail(client, req, REPLY.notAllowed, true, err.message);
      if (err instanceof UnresolvedHostError) return fail(client, req, REPLY.hostUnreachable, false, 'name not resolved');
      return fail(client, req, REPLY.generalFailure, false, String((err as Error)?.message ?? err));
    }
    if (client.destroyed) return;
    const upstream = net.connect({ host: target.address, family: target.family, port: req.port });
    track(upstream);
    let connected = false;
    upstream.setTimeout(connectTimeoutMs, () => upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
    upstream.once('error', (err: NodeJS.ErrnoException) => {
      if (!connected) {
        const code = err.code === 'ECONNREFUSED' ? REPLY.refused : err.code === 'ETIMEDOUT' ? REPLY.ttlExpired : REPLY.hostUnreachable;
        fail(client, req, code, false, CODE_REASON[err.code ?? ''] ?? (err.code ?? 'connection failed').toLowerCase());
      } else client.destroy();
    });
    upstream.once('connect', () => {
      connected = true;
      upstream.setTimeout(0);
      failures.delete(hostKey(req.host, req.port));
      client.write(reply(REPLY.succeeded));
      if (req.rest.length) upstream.write(req.rest);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }

  const server = net.createServer((client) => {
    track(client);
    client.setNoDelay(true);
    let buf: Buffer = Buffer.alloc(0);
    let greeted = false;
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      try {
        if (!greeted) {
          const greeting = parseGreeting(buf);
          if (!greeting) return;
          if (!greeting.methods.includes(NO_AUTH)) return void client.end(Buffer.from([SOCKS_VERSION, NO_ACCEPTABLE_METHOD]));
          client.write(Buffer.from([SOCKS_VERSION, NO_AUTH]));
          greeted = true;
          buf = greeting.rest;
        }
        const req = parseRequest(buf);
        if (!req) return;
        // Hold further bytes until the upstream is connected (pipe() resumes the socket).
        client.pause();
        client.off('data', onData);
        connect(client, req).catch(() => client.destroy()); // e.g. net.connect refusing port 0
      } catch {
        client.destroy();
      }
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    server: `socks5://127.0.0.1:${port}`,
    failureFor(url) {
      const key = urlKey(url);
      return key ? failures.get(key) : undefined;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
