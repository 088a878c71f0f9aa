/**
 * A failure that retrying cannot fix (a corrupt video, a recording over the length limit, a blocked or
 * unreachable seed URL). Its message is shown to the user as the session's lastError, so it is human.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export class JobTimeoutError extends Error {
  override name = 'JobTimeoutError';
}

/** The sentence a user sees for an error: our own messages as they are, anything else generic; both scrubbed. */
export function humanMessage(err: unknown, lane: string): string {
  if (err instanceof PermanentJobError || err instanceof JobTimeoutError) return scrub(err.message);
  const msg = err instanceof Error ? err.message : String(err);
  // Internal errors may carry paths, SQL or hostnames: keep them in logs, not in the product.
  return `${lane} failed after several attempts (${scrub(msg, { addresses: true }).slice(0, 200)})`;
}

// An absolute path of two or more segments, after a start, space, quote, bracket, '=', ',' or ':' (never a
// URL's path: that follows its host). Segments stop at ':' so "…/recording: Invalid data" keeps its words.
const PATH = /(^|[\s'"`(\[=,:])((?:\/[^\s/'"`()[\]<>:,;]+){2,}\/?)/g;
const FILE_URL = /\bfile:\/\/\/?((?:[^\s/'"`()<>]+\/)*)([^\s/'"`()<>]+)/g;
const WINDOWS_PATH = /\b[A-Za-z]:\\(?:[^\s\\'"`()<>]+\\)*([^\s\\'"`()<>]+)/g;
const ADDRESS = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b|\[[0-9a-fA-F:]+\](?::\d{1,5})?/g;

/**
 * What of an error message may reach `lastError`: its first line only (never a stack trace), each absolute
 * path cut to its file name (`/tmp/cs-video-…/recording: …` → `recording: …`), and with `addresses`
 * (internal errors, not our own messages, which may quote the user's seed URL) IP addresses hidden.
 */
export function scrub(message: string, o: { addresses?: boolean } = {}): string {
  let line = message.split(/\r?\n/, 1)[0]!.trim().slice(0, 1000); // bounded before any regex runs
  line = line
    .replace(FILE_URL, (_m, _dir: string, name: string) => name)
    .replace(WINDOWS_PATH, (_m, name: string) => name)
    .replace(PATH, (_m, before: string, path: string) => before + (path.replace(/\/$/, '').split('/').pop() ?? ''));
  if (o.addresses) line = line.replace(ADDRESS, 'an internal address');
  return line;
}
