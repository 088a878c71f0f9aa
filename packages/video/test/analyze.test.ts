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

  it('gives a keyframe, with when and where, for the state a spinner gave back unchanged (a retry that failed again)', async () => {
    // An error with a Retry button; from 1.5 to 2.2 s the button shows "Loading" and a spinner, then the same error
    // again.
    const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    const loading = "enable='between(t,1.5,2.199)'";
    const filters = [
      `drawtext=fontfile=${FONT}:text='Could not load reports':x=40:y=140:fontsize=18:fontcolor=0x902020`,
      'drawbox=x=40:y=180:w=120:h=34:color=0x2b5aa0:t=fill',
      `drawtext=fontfile=${FONT}:text='Retry':x=74:y=188:fontsize=16:fontcolor=white`,
      `drawbox=x=40:y=180:w=120:h=34:color=0xa0a0a0:t=fill:${loading}`,
      `drawtext=fontfile=${FONT}:text='Loading':x=80:y=188:fontsize=16:fontcolor=0x202020:${loading}`,
      // A ring of 8 dots, 3 of them dark, turning: pixels change in place (a dot circling alone is the pointer's look).
      ...Array.from({ length: 8 }, (_, k) => {
        const [dx, dy] = [Math.round(7 * Math.cos((k * Math.PI) / 4)), Math.round(7 * Math.sin((k * Math.PI) / 4))];
        return `drawbox=x=${58 + dx}:y=${195 + dy}:w=4:h=4:color=0x202020:t=fill:enable='between(t,1.5,2.199)*lt(mod(floor(t*16)-${k}+8,8),3)'`;
      }),
    ].join(',');
    const file = await makeVideo({ codec: 'webm', durationS: 4, filters });
    const res = await analyzeVideo(file, { workDir: join(work, 'retry') });
    // Settled at 2500; its image is the full-size frame kept from that quiet stretch (every other one is).
    expect(res.frames.map((f) => f.timestampMs)).toEqual([0, 2400]);
    const back = res.frames[1]!.returned!;
    expect(back.fromMs).toBeGreaterThanOrEqual(1500);
    expect(back.fromMs).toBeLessThan(1700);
    expect(back.untilMs).toBeGreaterThanOrEqual(2200);
    expect(back.untilMs).toBeLessThan(2400);
    // In the video's pixels, around the button (x 40–160, y 180–214) and not much more.
    const { x, y, w, h } = back.box;
    expect(x <= 40 && y <= 180 && x + w >= 160 && y + h >= 214, JSON.stringify(back.box)).toBe(true);
    expect(w * h, JSON.stringify(back.box)).toBeLessThan(4 * 120 * 34);
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
