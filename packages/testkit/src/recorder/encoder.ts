import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** `webm` is VP9 (Chrome's MediaRecorder today), `webm-vp8` VP8 (older recorders, many extensions). */
export type VideoFormat = 'webm' | 'webm-vp8' | 'mp4' | 'mkv';

export const VIDEO_FORMATS: readonly VideoFormat[] = ['webm', 'webm-vp8', 'mp4', 'mkv'];

/** File extension (and ffmpeg muxer) of a format. */
export const extensionOf = (format: VideoFormat): 'webm' | 'mp4' | 'mkv' => (format === 'webm-vp8' ? 'webm' : format);

/**
 * VP8 in realtime mode at a fixed speed: a negative `-cpu-used` (a positive one is adapted to how long frames take to
 * encode, so a busy machine made other bytes). Every VP8 file the testkit makes uses it.
 */
export const VP8_FIXED_SPEED: readonly string[] = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '-8'];

/** Codec settings per container: what browser/desktop screen recorders typically produce. */
export function codecArgs(format: VideoFormat): string[] {
  switch (format) {
    case 'webm': // VP9, like Chrome's MediaRecorder; realtime speed keeps long recordings cheap to make
      return ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-b:v', '0', '-crf', '36'];
    case 'webm-vp8': // constrained quality at a screen recorder's bitrate
      return [...VP8_FIXED_SPEED, '-b:v', '2M', '-crf', '10'];
    case 'mp4':
      return ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-movflags', '+faststart'];
    case 'mkv': // OBS's default container
      return ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23'];
  }
}

/** Feeds raw rgb24 frames to ffmpeg at a fixed rate: frame i is at exactly i / fps seconds. */
export class Encoder {
  private stderr = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly proc: ChildProcessByStdio<Writable, null, Readable>) {
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d: string) => (this.stderr = (this.stderr + d).slice(-4000)));
    // A dead ffmpeg makes writes fail with EPIPE; the exit code reported by finish() says why.
    proc.stdin.on('error', () => {});
    this.exited = new Promise((resolve, reject) => {
      proc.once('error', reject);
      proc.once('close', resolve);
    });
  }

  /** Frames come in at inputWidth×inputHeight and are scaled to width×height if those differ. */
  static start(path: string, o: { format: VideoFormat; width: number; height: number; inputWidth: number; inputHeight: number; fps: number }): Encoder {
    const scale = o.width !== o.inputWidth || o.height !== o.inputHeight ? ['-vf', `scale=${o.width}:${o.height}:flags=area`] : [];
    const args = [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${o.inputWidth}x${o.inputHeight}`, '-framerate', String(o.fps), '-i', 'pipe:0',
      ...scale,
      ...codecArgs(o.format),
      // bitexact: no random segment UID or timestamps, so equal frames give an equal file
      '-pix_fmt', 'yuv420p', '-threads', '2', '-fflags', '+bitexact', '-flags:v', '+bitexact',
      '-f', o.format === 'mkv' ? 'matroska' : extensionOf(o.format), path,
    ];
    return new Encoder(spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'pipe'] }));
  }

  /**
   * Queues a frame. Up to a few frames may wait in memory, so the recorder keeps working while ffmpeg
   * encodes; the caller must not modify `frame` afterwards.
   */
  async write(frame: Buffer): Promise<void> {
    if (this.proc.exitCode !== null) throw new Error(`ffmpeg exited early: ${this.stderr.trim()}`);
    this.proc.stdin.write(frame);
    while (this.proc.stdin.writableLength > frame.length * 6 && this.proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.proc.stdin.off('drain', done);
          this.proc.off('close', done);
          resolve();
        };
        this.proc.stdin.once('drain', done);
        this.proc.once('close', done);
      });
    }
  }

  async finish(): Promise<void> {
    this.proc.stdin.end();
    const code = await this.exited;
    if (code !== 0) throw new Error(`ffmpeg failed (exit ${code}): ${this.stderr.trim()}`);
  }

  abort(): void {
    this.proc.stdin.destroy();
    this.proc.kill('SIGKILL');
  }
}
