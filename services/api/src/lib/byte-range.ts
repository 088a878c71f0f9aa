/**
 * One HTTP `Range: bytes=…` request header against an object of `size` bytes (RFC 9110 §14): `a-b`, `a-` and
 * the suffix `-n`. Returns the inclusive range to send (206), 'unsatisfiable' (416), or null to send the whole
 * object (200): no header, a malformed one, or several ranges (a server may ignore Range; no player asks for
 * several).
 */
export function parseByteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null; // invalid: ignored, as RFC 9110 says
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
