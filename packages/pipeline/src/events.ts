/**
 * Workers publish a session id on this channel whenever a session reaches `complete` or `error`, so an API
 * waiting on a synchronous upload wakes at once (it re-reads Postgres, which stays the source of truth).
 */
export const sessionEventsChannel = (prefix: string) => `${prefix}:session-events`;
