/** The target of `rel="next"` in a Link header (RFC 8288), or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2]!);
    if ((rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).includes('next')) return m[1]!;
  }
  return null;
}

/** The `cursor` the next page's link carries, or null on the last page. */
export function nextCursor(header: string | null): string | null {
  const link = nextLink(header);
  return link === null ? null : new URL(link, 'http://x').searchParams.get('cursor');
}
