import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a playback link plays: a review sitting; the session page asks for a fresh one when it lapses. */
export const PLAYBACK_LINK_TTL_MS = 2 * 60 * 60_000;

interface Claims {
  /** session id */
  s: string;
  /** owner's user id */
  u: string;
  /** expiry, ms since the epoch */
  e: number;
}

/**
 * Playback links (`GET /sessions/:id/playback?token=…`): a <video> element cannot send a bearer token, so the
 * link carries one that opens this one session's copy for its owner and nothing else. It is an HMAC under a key
 * derived from JWT_SECRET for this purpose only, with two parts (a JWT has three), so it can never pass as a
 * sign-in token, nor a sign-in token as it.
 */
export function playbackLinks(jwtSecret: string) {
  const key = createHmac('sha256', jwtSecret).update('claude-scope playback link v1').digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();

  return {
    sign(sessionId: string, userId: string, now = Date.now()): { token: string; expiresAt: Date } {
      const e = now + PLAYBACK_LINK_TTL_MS;
      const payload = Buffer.from(JSON.stringify({ s: sessionId, u: userId, e } satisfies Claims)).toString('base64url');
      return { token: `${payload}.${mac(payload).toString('base64url')}`, expiresAt: new Date(e) };
    },
    /** The owner's user id when `token` is a valid, unexpired link to `sessionId`; else null. */
    verify(token: string, sessionId: string, now = Date.now()): string | null {
      const [payload, sig, extra] = token.split('.');
      if (!payload || !sig || extra !== undefined) return null;
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Claims>;
        if (c.s !== sessionId || typeof c.u !== 'string' || typeof c.e !== 'number' || c.e <= now) return null;
        return c.u;
      } catch {
        return null;
      }
    },
  };
}
