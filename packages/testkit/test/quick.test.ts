import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { corruptVideo, makeTestVideo, nonVideoFile, probeVideo } from '../src/index.js';

const run = promisify(execFile);
const outDir = mkdtempSync(join(tmpdir(), 'testkit-quick-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** What a careful consumer checks: decode errors, and how much of the claimed duration decodes. */
async function decode(path: string): Promise<{ errors: string; decodedMs: number }> {
  const r = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-'], { maxBuffer: 1 << 24 }).catch(
    (e: { stderr: string }) => ({ stderr: e.stderr }),
  );
  const frames = await run('ffprobe', ['-v', 'quiet', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,r_frame_rate', '-of', 'json', path])
    .then(({ stdout }) => JSON.parse(stdout).streams?.[0] as { nb_read_frames: string; r_frame_rate: string } | undefined)
    .catch(() => undefined);
  const [num, den] = (frames?.r_frame_rate ?? '30/1').split('/').map(Number);
  return { errors: r.stderr, decodedMs: frames ? (Number(frames.nb_read_frames) * 1000 * den!) / num! : 0 };
}

describe('quick test media', () => {
  it.each(['webm', 'mp4'] as const)('makeTestVideo %s: size, duration and states', async (format) => {
    const v = await makeTestVideo({ durationMs: 2500, width: 320, height: 180, format, changesAtMs: [800, 1600], outDir });
    expect(v.statesAtMs).toEqual([0, 800, 1600]);
    const info = await probeVideo(v.path);
    expect(info).toMatchObject({ width: 320, height: 180, codec: format === 'webm' ? 'vp9' : 'h264' });
    expect(Math.abs(info.durationMs - 2500)).toBeLessThan(125);
    expect((await decode(v.path)).errors).toBe('');
    // Cached by options: the same call returns the same file.
    expect((await makeTestVideo({ durationMs: 2500, width: 320, height: 180, format, changesAtMs: [800, 1600], outDir })).path).toBe(v.path);
  });

  it.each(['webm', 'mp4'] as const)('corruptVideo makes a %s that does not decode cleanly', async (format) => {
    const v = await makeTestVideo({ durationMs: 4000, width: 320, height: 180, format, changesAtMs: [1000, 2000, 3000], outDir });
    const garbled = corruptVideo(v.path);
    const g = await decode(garbled);
    expect(g.errors !== '' || g.decodedMs < 2000).toBe(true);
    // Still sniffs as the same container.
    expect(readFileSync(garbled).subarray(0, 12)).toEqual(readFileSync(v.path).subarray(0, 12));

    const truncated = corruptVideo(v.path, 'truncate');
    const t = await decode(truncated);
    expect(t.errors !== '' || t.decodedMs < 2000).toBe(true);
  });

  it('nonVideoFile is named like a video but is not one', async () => {
    for (const kind of ['text', 'html'] as const) {
      const path = nonVideoFile({ kind, outDir });
      expect(path.endsWith('.webm')).toBe(true);
      await expect(probeVideo(path)).rejects.toThrow();
    }
    // ffprobe reads a PNG as a one-picture "stream": only content sniffing tells it from a video.
    const png = await probeVideo(nonVideoFile({ kind: 'png', ext: 'mp4', outDir }));
    expect(png).toMatchObject({ codec: 'png', width: 1, height: 1 });
  });
});
