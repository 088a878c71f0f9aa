import { describe, expect, it } from 'vitest';
import { FrameAssembler } from '../src/ffmpeg/frames.js';

/** Feeds `bytes` (frames of 3 bytes: 0,1,2 / 3,4,5 / …) in chunks that straddle frame boundaries. */
async function run(reuse: boolean): Promise<{ seen: number[][]; buffers: Set<Uint8Array>; frames: Uint8Array[] }> {
  const a = new FrameAssembler(3, reuse);
  const bytes = Uint8Array.from({ length: 12 }, (_, i) => i);
  const seen: number[][] = [];
  const buffers = new Set<Uint8Array>();
  const frames: Uint8Array[] = [];
  for (const [from, to] of [[0, 2], [2, 7], [7, 12]] as const) {
    await a.push(bytes.subarray(from, to), async (f) => {
      await new Promise((r) => setImmediate(r)); // a consumer that takes its time
      seen.push([...f]);
      buffers.add(f);
      frames.push(f);
    });
  }
  return { seen, buffers, frames };
}

describe('FrameAssembler', () => {
  const expected = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]];

  it('hands each frame in a fresh buffer by default, which stays as it was', async () => {
    const { seen, buffers, frames } = await run(false);
    expect(seen).toEqual(expected);
    expect(buffers.size).toBe(4);
    expect(frames.map((f) => [...f])).toEqual(expected);
  });

  it('with reuse, hands every frame in one buffer, complete while the consumer runs', async () => {
    const { seen, buffers } = await run(true);
    expect(seen).toEqual(expected);
    expect(buffers.size).toBe(1);
  });
});
