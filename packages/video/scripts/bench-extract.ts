/**
 * Extraction strategies compared on one recording: `extractFrames` (one decoding pass with a select
 * filter) against a fast input seek (`-ss` before `-i`) per frame.
 *
 *   pnpm exec tsx packages/video/scripts/bench-extract.ts <video> [frames=20] [rounds=2]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractFrames, ffmpegPath, probe } from '../src/index.js';

const exec = promisify(execFile);

async function seekEach(file: string, times: number[], dir: string): Promise<void> {
  for (const ms of times) {
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-threads', '2', '-ss', String(ms / 1000), '-i', file, '-frames:v', '1', join(dir, `${ms}.png`)];
    await exec(ffmpegPath(), args);
  }
}

async function timed(label: string, fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(28)} ${s.toFixed(2)} s`);
  return s;
}

async function main(): Promise<void> {
  const [file, n = '20', rounds = '2'] = process.argv.slice(2);
  if (!file) throw new Error('usage: bench-extract.ts <video> [frames] [rounds]');
  const { durationMs, width, height, codec } = await probe(file);
  console.log(`${file}: ${width}x${height} ${codec}, ${(durationMs / 1000).toFixed(1)} s`);
  // Spread over the whole video, on the 10 fps grid decodeGray uses.
  const times = Array.from({ length: Number(n) }, (_, i) => Math.round(((i + 0.5) * durationMs) / Number(n) / 100) * 100);
  for (let r = 0; r < Number(rounds); r++) {
    // Alternate the order so a busy machine does not favour one side.
    const dir = await mkdtemp(join(tmpdir(), 'bench-extract-'));
    const a = () => timed('one pass (select)', () => extractFrames(file, times, join(dir, 'a')).then(() => undefined));
    const b = () => timed('seek per frame (-ss)', () => import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'b'))).then(() => seekEach(file, times, join(dir, 'b'))));
    if (r % 2 === 0) await a().then(b);
    else await b().then(a);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
