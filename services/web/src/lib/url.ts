/** The API accepts only absolute http(s) seed URLs; say so before the upload starts. */
export function checkSeedUrl(value: string): string | null {
  const v = value.trim();
  if (!v) return 'Enter the URL the recording starts from.';
  try {
    const url = new URL(v);
    if (url.protocol === 'http:' || url.protocol === 'https:') return null;
  } catch {
    /* fall through */
  }
  return 'Enter an absolute http:// or https:// URL.';
}
