import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF policy for everything the Playwright lane's browser connects to: only http(s), and only hosts whose
 * every resolved address is public — unless the operator allowed private targets (a flag, or named hosts).
 * The guard proxy (guard-proxy.ts) applies it to every connection; the lane also checks URLs up front for
 * clearer messages.
 */
export interface UrlPolicy {
  allowPrivate: boolean;
  /** host or host:port entries that may resolve to private addresses. */
  allowedHosts: string[];
  /** Name resolution; `dns.lookup` unless a test injects one (e.g. a host that rebinds). */
  resolve?: Resolver;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** The target is forbidden by the policy. */
export class BlockedUrlError extends Error {
  override name = 'BlockedUrlError';
}

/** The target's name does not resolve (not a policy matter: the page is simply unreachable). */
export class UnresolvedHostError extends Error {
  override name = 'UnresolvedHostError';
}

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['100::', 64], ['2001:db8::', 32],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** IPv4 embedded in IPv6 forms that route to it: mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16). */
function embeddedIpv4(ip: string): string | undefined {
  const lower = ip.toLowerCase();
  const dotted = /^(?:::ffff:(?:0:)?|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const groups = expandIpv6(lower);
  if (!groups) return undefined;
  const hex = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0)) return hex(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return hex(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return hex(groups[1]!, groups[2]!);
  return undefined;
}

function expandIpv6(ip: string): number[] | undefined {
  if (ip.includes('.')) return undefined;
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined && h.length !== 8) return undefined;
  const all = [...h, ...Array(Math.max(0, missing)).fill('0'), ...t].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? all : undefined;
}

export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4) return blocked.check(v4, 'ipv4');
    return blocked.check(ip, 'ipv6');
  }
  return true; // not an address at all: refuse
}

/**
 * Resolves `host` once and returns the address to connect to, or throws BlockedUrlError / UnresolvedHostError.
 * Callers connect to exactly this address, so a name that answers differently the next time (DNS rebinding)
 * cannot slip a private address past the check.
 */
export async function resolveAllowed(rawHost: string, port: number, policy: UrlPolicy): Promise<ResolvedAddress> {
  const host = rawHost.replace(/^\[|\]$/g, '').toLowerCase();
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    addresses = await (policy.resolve ?? systemResolver)(host).catch(() => []);
    if (!addresses.length) throw new UnresolvedHostError(`${host} could not be resolved`);
  }
  const trusted = policy.allowPrivate || policy.allowedHosts.some((h) => h.toLowerCase() === host || h.toLowerCase() === `${host}:${port}`);
  if (!trusted) {
    // Every answer must be public: a name that resolves to a public and a private address is refused.
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) throw new BlockedUrlError(`${host} resolves to a private or local address (${bad.address}); such targets are blocked`);
  }
  return addresses[0]!;
}

/** Throws BlockedUrlError unless `raw` may be opened now. A name that does not resolve is not a policy matter: allowed. */
export async function assertUrlAllowed(raw: string, policy: UrlPolicy): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedUrlError(`${raw.slice(0, 200)} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BlockedUrlError(`${url.protocol} URLs cannot be opened (only http and https)`);
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  await resolveAllowed(url.hostname, port, policy).catch((err: unknown) => {
    if (!(err instanceof UnresolvedHostError)) throw err;
  });
}
