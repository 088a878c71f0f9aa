import { generateRecording, type Truth } from '@claude-scope/testkit';

export interface Recording {
  name: string;
  file: string;
  truth: Truth;
}

/** Testkit recordings at 1280×720 30 fps (generated once, then cached): webm for all, mp4 for some. */
export async function recordings(webm: readonly string[], mp4: readonly string[]): Promise<Recording[]> {
  const out: Recording[] = [];
  for (const [list, format] of [[webm, 'webm'], [mp4, 'mp4']] as const) {
    for (const s of list) {
      const rec = await generateRecording(s, { format, width: 1280, height: 720, fps: 30 });
      out.push({ name: `${s} (${format})`, file: rec.videoPath, truth: rec.truth });
    }
  }
  return out;
}
