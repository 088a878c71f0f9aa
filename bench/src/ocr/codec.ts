import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';

export type Codec = 'png' | 'vp8' | 'h264';

/**
 * The frame through a lossy codec and back: a 0.5 s still clip (30 fps, yuv420p, so chroma is halved as in
 * every recording), decoded frame 8 (a predicted frame, not the keyframe). VP8 at a low 400 kbit/s
 * (libvpx, realtime, as browser recorders run it); H.264 libx264 CRF 30.
 */
export async function roundTrip(png: Buffer, codec: Exclude<Codec, 'png'>, dir: string): Promise<Buffer> {
  const tmp = await mkdtemp(path.join(dir, 'codec-'));
  try {
    const input = path.join(tmp, 'in.png');
    const video = path.join(tmp, codec === 'vp8' ? 'v.webm' : 'v.mp4');
    const output = path.join(tmp, 'out.png');
    await writeFile(input, png);
    const enc = codec === 'vp8' ? ['-c:v', 'libvpx', '-b:v', '400k', '-deadline', 'realtime', '-cpu-used', '8'] : ['-c:v', 'libx264', '-crf', '30', '-preset', 'veryfast'];
    await execa('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-framerate', '30', '-t', '0.5', '-i', input, '-pix_fmt', 'yuv420p', ...enc, video]);
    await execa('ffmpeg', ['-v', 'error', '-y', '-i', video, '-vf', 'select=eq(n\\,8)', '-frames:v', '1', output]);
    return await readFile(output);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
