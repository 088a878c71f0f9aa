import Type from 'typebox';

/**
 * (ext) Where a browser can play a session's playback copy: a <video> element cannot send the bearer token, so
 * `url` carries a short-lived access token valid for this one session's copy only (read-only, never a sign-in).
 */
export const PlaybackLink = Type.Object({
  url: Type.String({ description: 'GET it without a bearer token: /api/sessions/:id/playback?token=…' }),
  expiresAt: Type.String({ format: 'date-time' }),
  contentType: Type.String({ description: 'the copy\'s media type, e.g. video/webm' }),
  size: Type.Integer({ minimum: 0, description: 'bytes' }),
});
export type PlaybackLink = Type.Static<typeof PlaybackLink>;

/** The copy's query: `token` only from a PlaybackLink; otherwise the usual bearer token (JWT or API token). */
export const PlaybackQuery = Type.Object(
  { token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })) },
  { additionalProperties: false },
);
export type PlaybackQuery = Type.Static<typeof PlaybackQuery>;
