/**
 * DNS-rebinding guard for /mcp: the Host header's hostname must be an allowed one, and a browser's Origin
 * (absent for MCP clients outside a browser) too. `*` allows any. Hostnames compare case-insensitively,
 * without ports; IPv6 in brackets.
 */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function originHostname(origin: string): string | null {
  try {
    return new URL(origin).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Null when allowed, else why not (for the 403 message). */
export function mcpRequestRefusal(allowed: readonly string[], host: string | undefined, origin: string | undefined): string | null {
  const any = allowed.includes('*');
  const list = allowed.map((h) => h.toLowerCase());
  const hostname = hostnameOf(host);
  if (!any && (!hostname || !list.includes(hostname))) return `Host ${hostname ?? '(none)'} is not allowed for /mcp (MCP_ALLOWED_HOSTS)`;
  if (origin === undefined) return null;
  const from = originHostname(origin);
  if (!from) return 'Origin is not a valid URL';
  // A browser page may only call from an allowed host (or the host it was served from).
  if (any ? from !== hostname && !list.includes(from) : !list.includes(from)) return `Origin ${from} is not allowed for /mcp`;
  return null;
}
