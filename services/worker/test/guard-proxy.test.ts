import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGuardProxy } from '../src/browser/guard-proxy.js';
import { parseGreeting, parseRequest, REPLY } from '../src/browser/socks5.js';
import { assertUrlAllowed, resolveAllowed, type Resolver, type UrlPolicy } from '../src/browser/ssrf.js';

/** A resolver that answers from a table, and counts how often it was asked. */
function fakeDns(table: Record<string, string[][]>): Resolver & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const resolve = (async (host: string) => {
    const n = (calls[host] = (calls[host] ?? 0) + 1);
    const answers = table[host];
    if (!answers) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answers[Math.min(n, answers.length) - 1]!.map((address) => ({ address, family: net.isIP(address) }));
  }) as Resolver & { calls: Record<string, number> };
  resolve.calls = calls;
  return resolve;
}

/** A SOCKS5 CONNECT by hand (as Chromium does it: the host as a name); resolves the reply code and the socket. */
async function socksConnect(proxy: string, host: string, port: number): Promise<{ code: number; socket: net.Socket }> {
  const { port: proxyPort } = new URL(proxy);
  const socket = net.connect(Number(proxyPort), '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write(Buffer.from([5, 1, 0]));
  const name = Buffer.from(host, 'latin1');
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16BE(port);
  let stage = 0;
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    const onData = (d: Buffer) => {
      if (stage === 0) {
        expect([...d]).toEqual([5, 0]);
        stage = 1;
        socket.write(Buffer.concat([Buffer.from([5, 1, 0, 3, name.length]), name, portBytes]));
        return;
      }
      socket.off('data', onData);
      resolve({ code: d[1]!, socket });
    };
    socket.on('data', onData);
  });
}

async function httpGetThrough(socket: net.Socket, host: string): Promise<string> {
  socket.write(`GET /hello HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  let out = '';
  for await (const chunk of socket) out += chunk.toString();
  return out;
}

describe('SOCKS5 wire format', () => {
  it('parses greetings and CONNECT requests that arrive in pieces', () => {
    expect(parseGreeting(Buffer.from([5]))).toBeUndefined();
    expect(parseGreeting(Buffer.from([5, 2, 0]))).toBeUndefined();
    expect(parseGreeting(Buffer.from([5, 2, 0, 2, 9]))).toMatchObject({ methods: [0, 2], rest: Buffer.from([9]) });
    const req = Buffer.from([5, 1, 0, 3, 9, ...Buffer.from('localhost'), 0x1f, 0x90]);
    for (let i = 0; i < req.length; i++) expect(parseRequest(req.subarray(0, i))).toBeUndefined();
    expect(parseRequest(req)).toMatchObject({ command: 1, host: 'localhost', port: 8080 });
    expect(parseRequest(Buffer.from([5, 1, 0, 1, 10, 0, 0, 1, 0, 80]))).toMatchObject({ host: '10.0.0.1', port: 80 });
    const v6 = parseRequest(Buffer.from([5, 1, 0, 4, ...Array(15).fill(0), 1, 0, 80]));
    expect(v6).toMatchObject({ host: '0:0:0:0:0:0:0:1', port: 80 });
    expect(() => parseGreeting(Buffer.from([4, 1, 0]))).toThrow(/not SOCKS5/);
  });
});

describe('SSRF policy with an injected resolver', () => {
  const deny = (resolve: Resolver): UrlPolicy => ({ allowPrivate: false, allowedHosts: [], resolve });

  it('allows a name whose every address is public, blocks one with any private address', async () => {
    const dns = fakeDns({ 'public.example': [['93.184.216.34']], 'mixed.example': [['93.184.216.34', '10.0.0.7']] });
    await expect(resolveAllowed('public.example', 443, deny(dns))).resolves.toEqual({ address: '93.184.216.34', family: 4 });
    await expect(resolveAllowed('mixed.example', 443, deny(dns))).rejects.toThrow(
      'mixed.example resolves to a private or local address (10.0.0.7); such targets are blocked',
    );
  });

  it('blocks the metadata endpoint and IPv6 forms of private addresses by name', async () => {
    const dns = fakeDns({ 'meta.example': [['169.254.169.254']], 'v6.example': [['::ffff:a9fe:a9fe']], 'ula.example': [['fd00::1']] });
    for (const host of ['meta.example', 'v6.example', 'ula.example']) {
      await expect(resolveAllowed(host, 80, deny(dns))).rejects.toThrow(/private or local address/);
    }
  });

  it('a name that does not resolve is not a policy violation up front (the browser reports it)', async () => {
    await expect(assertUrlAllowed('http://nowhere.example/', deny(fakeDns({})))).resolves.toBeUndefined();
    await expect(resolveAllowed('nowhere.example', 80, deny(fakeDns({})))).rejects.toThrow('nowhere.example could not be resolved');
  });
});

describe('guard proxy', () => {
  let origin: http.Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    origin = http.createServer((req, res) => {
      hits++;
      res.end(`hello from ${req.headers.host}`);
    });
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
    port = (origin.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => origin.close(() => r())));

  it('relays an allowed connection to the address it checked (the name exists only in its resolver)', async () => {
    const dns = fakeDns({ 'pinned.test': [['127.0.0.1']] });
    const proxy = await startGuardProxy({ allowPrivate: false, allowedHosts: ['pinned.test'], resolve: dns });
    try {
      const { code, socket } = await socksConnect(proxy.server, 'pinned.test', port);
      expect(code).toBe(REPLY.succeeded);
      expect(await httpGetThrough(socket, 'pinned.test')).toContain(`hello from pinned.test`);
      expect(dns.calls['pinned.test']).toBe(1);
      expect(proxy.failureFor(`http://pinned.test:${port}/`)).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });

  it('refuses a private address without connecting, and says why', async () => {
    const proxy = await startGuardProxy({ allowPrivate: false, allowedHosts: [] });
    const before = hits;
    try {
      const { code } = await socksConnect(proxy.server, '127.0.0.1', port);
      expect(code).toBe(REPLY.notAllowed);
      expect(hits).toBe(before);
      expect(proxy.failureFor(`http://127.0.0.1:${port}/anything`)).toEqual({
        host: '127.0.0.1',
        port,
        blocked: true,
        reason: '127.0.0.1 resolves to a private or local address (127.0.0.1); such targets are blocked',
      });
      expect((await socksConnect(proxy.server, '169.254.169.254', 80)).code).toBe(REPLY.notAllowed);
      expect(proxy.failureFor('http://169.254.169.254/latest/meta-data/')?.blocked).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('checks the address at connection time: a name that rebinds to loopback after a public answer is refused', async () => {
    const dns = fakeDns({ 'rebind.example': [['93.184.216.34'], ['127.0.0.1']] });
    const policy: UrlPolicy = { allowPrivate: false, allowedHosts: [], resolve: dns };
    await expect(assertUrlAllowed(`http://rebind.example:${port}/`, policy)).resolves.toBeUndefined(); // the up-front check
    const proxy = await startGuardProxy(policy);
    const before = hits;
    try {
      expect((await socksConnect(proxy.server, 'rebind.example', port)).code).toBe(REPLY.notAllowed);
      expect(hits).toBe(before);
      expect(proxy.failureFor(`http://rebind.example:${port}/`)?.reason).toMatch(/rebind\.example resolves to a private or local address \(127\.0\.0\.1\)/);
    } finally {
      await proxy.close();
    }
  });

  it('reports unreachable targets in words (Chromium only says ERR_SOCKS_CONNECTION_FAILED)', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const proxy = await startGuardProxy({ allowPrivate: true, allowedHosts: [], resolve: fakeDns({}) });
    try {
      expect((await socksConnect(proxy.server, '127.0.0.1', closedPort)).code).toBe(REPLY.refused);
      expect(proxy.failureFor(`http://127.0.0.1:${closedPort}/`)).toMatchObject({ blocked: false, reason: 'connection refused' });
      expect((await socksConnect(proxy.server, 'nowhere.example', 80)).code).toBe(REPLY.hostUnreachable);
      expect(proxy.failureFor('http://nowhere.example/')).toMatchObject({ blocked: false, reason: 'name not resolved' });
    } finally {
      await proxy.close();
    }
  });

  it('close() ends tunnels still open', async () => {
    const proxy = await startGuardProxy({ allowPrivate: true, allowedHosts: [] });
    const { socket } = await socksConnect(proxy.server, '127.0.0.1', port);
    const ended = new Promise((r) => socket.once('close', r));
    await proxy.close();
    await ended;
  });
});
