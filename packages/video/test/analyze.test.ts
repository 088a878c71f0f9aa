import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeVideo, UndecodableVideoError, type AnalyzeProgress } from '../src/index.js';
import { makeVideo, UI_EVENTS, type MakeOptions } from './helpers/media.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'video-analyze-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Each UI change is expected one settle window (250 ms, on the 100 ms grid: 300 ms) after it. */
const expected = [0, UI_EVENTS.toastOn + 300, UI_EVENTS.toastOff + 300, UI_EVENTS.typed + 300];

describe('analyzeVideo', () => {
  // The variable-rate file ends with the typed character's frame: the stream's end settles it.
  const cases: [string, MakeOptions, number[]][] = [
    ['webm (VP9)', { codec: 'webm' }, expected],
    ['mp4 (H.264)', { codec: 'mp4' }, expected],
    ['MediaRecorder-style webm (no duration, no cues)', { codec: 'webm', live: true }, expected],
    ['variable-rate webm', { codec: 'webm', vfr: true }, [...expected.slice(0, 3), UI_EVENTS.typed]],
  ];
  it.each(cases)('finds one keyframe per UI state and none for the pointer: %s', async (_, media, want) => {
    const file = await makeVideo(media);
    const progress: AnalyzeProgress[] = [];
    const res = await analyzeVideo(file, { workDir: join(work, media.codec + String(media.live) + String(media.vfr)), onProgress: (p) => progress.push(p) });
    expect(res.probe.width).toBe(640);
    expect(res.frames.map((f) => f.timestampMs)).toEqual(want);
    expect(res.frames[0]!.score).toBe(1);
    for (const f of res.frames) {
      expect(f.thumbnailDataUrl).toMatch(/^data:image\/png;base64,/);
      expect((await stat(f.pngPath)).size).toBeGreaterThan(0);
    }
    // The toast is a bigger change than one typed character.
    expect(res.frames[1]!.score).toBeGreaterThan(res.frames[3]!.score * 10);
    expect(progress.at(-1)).toEqual({ stage: 'thumbnails', percent: 100 });
    expect(progress.map((p) => p.percent)).toEqual(progress.map((p) => p.percent).sort((a, b) => a - b));
  });

  it('adds the settled frame after each user event and honours the cap', async () => {
    const file = await makeVideo({ codec: 'mp4' });
    const res = await analyzeVideo(file, { workDir: join(work, 'cands'), candidatesMs: [1000, 1500] });
    // 1000: only the pointer moves (score 0); 1500: the toast, answered by the same step as pixels found.
    // The step after 1000 settles at 1300; its image is the frame of that quiet stretch kept at full
    // size (every other one is): 1200, still after the event.
    expect(res.frames.map((f) => [f.timestampMs, f.candidatesMs])).toEqual([
      [0, []],
      [1200, [1000]],
      [1800, [1500]],
      [3800, []],
      [4800, []],
    ]);
    expect(res.frames[1]!.score).toBe(0);

    const capped = await analyzeVideo(file, { workDir: join(work, 'cap'), maxFrames: 3 });
    expect(capped.frames.map((f) => f.timestampMs)).toEqual([0, 1800, 4800]);
  });

  it('throws UndecodableVideoError for a file that is not a video', async () => {
    const bogus = join(work, 'bogus.mp4');
    await import('node:fs/promises').then((fs) => fs.writeFile(bogus, Buffer.alloc(4096, 7)));
    await expect(analyzeVideo(bogus, { workDir: join(work, 'bogus') })).rejects.toBeInstanceOf(UndecodableVideoError);
  });

  it('stops when aborted', async () => {
    const file = await makeVideo({ codec: 'mp4', durationS: 30 });
    const ac = new AbortController();
    const run = analyzeVideo(file, {
      workDir: join(work, 'abort'),
      signal: ac.signal,
      onProgress: (p) => p.percent > 5 && ac.abort(new Error('cancelled')),
    });
    await expect(run).rejects.toThrow('cancelled');
  });
});
