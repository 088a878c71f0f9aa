/** What POST /recordings accepts (API.md), checked before sending so a user never waits for a refusal. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const ACCEPT = 'video/webm,video/mp4,video/x-matroska,.webm,.mp4,.mkv';

const EXTENSIONS = ['.webm', '.mp4', '.mkv'];
const TYPES = ['video/webm', 'video/mp4', 'video/x-matroska'];

/** Null when the file can be sent, else why not. The server sniffs the content anyway. */
export function checkVideoFile(file: { name: string; size: number; type: string }): string | null {
  const name = file.name.toLowerCase();
  if (!TYPES.includes(file.type) && !EXTENSIONS.some((ext) => name.endsWith(ext))) {
    return `${file.name} is not a supported video: choose a WebM, MP4 or MKV file.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_UPLOAD_BYTES) {
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB, over the 100 MB limit.`;
  }
  return null;
}
