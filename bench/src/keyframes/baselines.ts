import { spawn } from 'node:child_process';
import { ffmpegPath } from '@claude-scope/video';

/** Times (ms) of the frames that survive `filter`, read from showinfo's pts_time on stderr. */
export function ffmpegSelected(file: string, filter: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostdin', '-nostats', '-i', file, '-map', '0:v:0', '-an', '-vf', `${filter},showinfo`, '-vsync', 'passthrough', '-f', 'null', '-'];
    const p = spawn(ffmpegPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const times: number[] = [];
    let carry = '';
    p.stderr.setEncoding('utf8');
    p.stderr.on('data', (d: string) => {
      const lines = (carry + d).split(/\r?\n/);
      carry = lines.pop() ?? '';
      for (const l of lines) {
        const m = /Parsed_showinfo.*\bpts_time:\s*([\d.]+)/.exec(l);
        if (m) times.push(Math.round(Number(m[1]) * 1000));
      }
    });
    p.once('error', reject);
    p.once('close', (code) => (code === 0 ? resolve(times) : reject(new Error(`ffmpeg ${filter} exited ${code}`))));
  });
}

/** The usual "scene change" baseline: frames whose scene score exceeds 0.3. */
export const sceneCut = (file: string) => ffmpegSelected(file, "select='gt(scene\\,0.3)'");

/** mpdecimate with default parameters: every frame that is not a near-duplicate of the last kept one. */
export const mpdecimate = (file: string) => ffmpegSelected(file, 'mpdecimate');

/** `n` frames evenly spaced over the recording, the first at 0, snapped to the frame grid. */
export function evenlySpaced(durationMs: number, fps: number, n = 20): number[] {
  const step = 1000 / fps;
  return Array.from({ length: n }, (_, i) => Math.round(Math.floor((i * durationMs) / n / step) * step));
}
