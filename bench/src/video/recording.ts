import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRecording } from '@claude-scope/testkit';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CACHE = path.join(ROOT, '.cache/bench-video');

export interface LongRecording {
  file: string;
  durationMs: number;
  /** Timeline event times of both parts, on the joined clock (the worker passes them as candidates). */
  candidatesMs: number[];
}

/**
 * A ~60 s screen recording: testkit's longest scenario, full-tour (42.5 s, ends on the sign-in page),
 * followed by the first 17.5 s of login-flow (starts on the sign-in page), joined by stream copy with
 * ffmpeg's concat demuxer. Nothing is re-encoded, so the file is what the recorder made. Adding a 60 s
 * scenario to testkit would change its source hash and regenerate every cached recording for everyone.
 */
export async function longRecording(width: number, height: number, totalMs = 60_000): Promise<LongRecording> {
  const a = await generateRecording('full-tour', { width, height, fps: 30, format: 'webm' });
  const b = await generateRecording('login-flow', { width, height, fps: 30, format: 'webm' });
  const restMs = totalMs - a.truth.durationMs;
  const key = createHash('sha256').update(`${a.videoPath}\0${b.videoPath}\0${restMs}`).digest('hex').slice(0, 12);
  const file = path.join(CACHE, `long-${width}x${height}-${key}.webm`);
  if (!existsSync(file)) {
    mkdirSync(CACHE, { recursive: true });
    const list = `${file}.txt`;
    writeFileSync(list, `file '${a.videoPath}'\nfile '${b.videoPath}'\noutpoint ${(restMs / 1000).toFixed(3)}\n`);
    const tmp = `${file}.tmp-${process.pid}.webm`;
    const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', tmp], { encoding: 'utf8' });
    rmSync(list, { force: true });
    if (r.status !== 0) throw new Error(`concat failed: ${r.stderr}`);
    renameSync(tmp, file);
  }
  const candidatesMs = [
    ...a.truth.timeline.map((e) => e.t),
    ...b.truth.timeline.map((e) => e.t + a.truth.durationMs).filter((t) => t <= totalMs),
  ];
  return { file, durationMs: totalMs, candidatesMs };
}
