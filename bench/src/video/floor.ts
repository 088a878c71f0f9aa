import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ffmpegPath } from '@claude-scope/video';

export interface Measured {
  wallMs: number;
  /** user + system CPU of the process tree (GNU time), when available. */
  cpuMs: number | null;
  /** Largest resident set in the tree (GNU time), KB. */
  treeMaxRssKb: number | null;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command to completion, timing it from here (spawn included) and, if it can, its CPU. */
export function measure(cmd: string, args: string[], cwd?: string): Promise<Measured> {
  const timed = existsSync(GNU_TIME);
  const [c, a] = timed ? [GNU_TIME, ['-f', '@@time %U %S %M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'], cwd });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-8000)));
    p.once('error', reject);
    p.once('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}: ${err.slice(-2000)}`));
      const m = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      resolve({
        wallMs,
        cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null,
        treeMaxRssKb: m ? Number(m[3]) : null,
        stdout: out,
      });
    });
  });
}

/** The floor: ffmpeg decoding every frame of the file and throwing it away, default options. */
export const floor = (file: string) => measure(ffmpegPath(), ['-v', 'error', '-i', file, '-f', 'null', '-']);
