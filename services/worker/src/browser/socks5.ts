/**
 * The SOCKS5 wire format (RFC 1928), just what the guard proxy needs: no authentication, CONNECT only.
 * Parsers take the bytes received so far and return undefined until a whole message has arrived.
 */
export const SOCKS_VERSION = 5;
export const NO_AUTH = 0x00;
export const NO_ACCEPTABLE_METHOD = 0xff;
export const CMD_CONNECT = 1;

/** Reply codes. Chromium turns every failure into net::ERR_SOCKS_CONNECTION_FAILED, so the proxy keeps the real reason. */
export const REPLY = {
  succeeded: 0,
  generalFailure: 1,
  notAllowed: 2,
  networkUnreachable: 3,
  hostUnreachable: 4,
  refused: 5,
  ttlExpired: 6,
  commandNotSupported: 7,
  addressTypeNotSupported: 8,
} as const;

export class SocksProtocolError extends Error {
  override name = 'SocksProtocolError';
}

export function parseGreeting(buf: Buffer): { methods: number[]; rest: Buffer } | undefined {
  if (buf.length < 2) return undefined;
  if (buf[0] !== SOCKS_VERSION) throw new SocksProtocolError(`not SOCKS5 (version byte ${buf[0]})`);
  const n = buf[1]!;
  if (buf.length < 2 + n) return undefined;
  return { methods: [...buf.subarray(2, 2 + n)], rest: buf.subarray(2 + n) };
}

export interface ConnectRequest {
  command: number;
  /** A name (Chromium sends names, so resolution happens here), an IPv4 or an IPv6 address. */
  host: string;
  port: number;
  rest: Buffer;
}

export function parseRequest(buf: Buffer): ConnectRequest | undefined {
  if (buf.length < 5) return undefined;
  if (buf[0] !== SOCKS_VERSION) throw new SocksProtocolError(`not SOCKS5 (version byte ${buf[0]})`);
  const command = buf[1]!;
  const atyp = buf[3]!;
  let host: string;
  let end: number;
  if (atyp === 1) {
    end = 4 + 4;
    if (buf.length < end + 2) return undefined;
    host = [...buf.subarray(4, end)].join('.');
  } else if (atyp === 3) {
    end = 5 + buf[4]!;
    if (buf.length < end + 2) return undefined;
    host = buf.subarray(5, end).toString('latin1');
  } else if (atyp === 4) {
    end = 4 + 16;
    if (buf.length < end + 2) return undefined;
    const groups: string[] = [];
    for (let i = 4; i < end; i += 2) groups.push(buf.readUInt16BE(i).toString(16));
    host = groups.join(':');
  } else {
    throw new SocksProtocolError(`unknown address type ${atyp}`);
  }
  return { command, host, port: buf.readUInt16BE(end), rest: buf.subarray(end + 2) };
}

/** A reply with an all-zero bound address: clients (Chromium included) ignore it. */
export function reply(code: number): Buffer {
  return Buffer.from([SOCKS_VERSION, code, 0, 1, 0, 0, 0, 0, 0, 0]);
}
