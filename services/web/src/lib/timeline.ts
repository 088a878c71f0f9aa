/**
 * The optional timeline (API.md, ext): a JSON array of what the user did. Only its shape is checked
 * here; the API names any bad event by index.
 */
export function checkTimeline(value: string): string | null {
  if (!value.trim()) return null;
  try {
    if (Array.isArray(JSON.parse(value))) return null;
  } catch {
    /* fall through */
  }
  return 'The timeline must be a JSON array of events, e.g. [{"t":0,"type":"navigate","url":"https://…"}].';
}
