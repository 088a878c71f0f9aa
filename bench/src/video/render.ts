/**
 * Renders bench/results/video.md again from video.json (after a change to the report's wording, without measuring
 * again): `tsx src/video/render.ts [--argv "…" --reps N --max-load L]` for a JSON written before it stored its run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { markdown, type SizeResult } from './markdown.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../results');
const { values } = parseArgs({ options: { argv: { type: 'string' }, reps: { type: 'string' }, 'max-load': { type: 'string' }, 'load-end': { type: 'string' } } });
const json = JSON.parse(readFileSync(path.join(dir, 'video.json'), 'utf8')) as {
  date: string;
  run?: { argv: string[]; reps: number; maxLoad: number; loadEnd?: number[] };
  results: SizeResult[];
};
const run = json.run ?? {
  argv: (values.argv ?? '').split(' ').filter(Boolean),
  reps: Number(values.reps ?? 3),
  maxLoad: Number(values['max-load'] ?? 3),
  ...(values['load-end'] ? { loadEnd: values['load-end'].split(',').map(Number) } : {}),
};
writeFileSync(path.join(dir, 'video.md'), markdown(json.results, { startedAt: new Date(json.date), ...run }));
