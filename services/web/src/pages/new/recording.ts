/** What the form sends: an uploaded file or an in-browser recording (which also knows its length). */
export interface RecordingInput {
  blob: Blob;
  name: string;
  size: number;
  durationMs?: number;
  source: 'file' | 'screen';
}
