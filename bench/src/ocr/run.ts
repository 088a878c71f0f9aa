/**
 * bench:ocr — OCR engines and settings on UI text: word recall / precision against the DOM's visible words,
 * time per whole frame and per region, peak RSS. Usage: pnpm bench:ocr [--settings a,b] [--frames substr,…]
 * [--max-load 3] [--out results/x.md] [--no-write]. Settings: settings.ts. Results: bench/results/ocr-engines.{md,json}
 * (--out: another .md, relative to bench/, with its .json beside it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { waitForQuiet } from '../procs.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { ChildResult } from './child.js';
import { makeFrames } from './frames.js';
import { markdown, summarize, type SettingReport } from './report.js';
import { SETTINGS } from './settings.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const names = arg('settings')?.split(',') ?? Object.keys(SETTINGS);
for (const n of names) if (!SETTINGS[n]) throw new Error(`unknown setting ${n}; one of ${Object.keys(SETTINGS).join(', ')}`);
const frameFilter = arg('frames')?.split(',');
const maxLoad = Number(arg('max-load') ?? 3);
const outMd = path.resolve(ROOT, 'bench', arg('out') ?? 'results/ocr-engines.md');

/** Before a setting: see waitForQuiet. */
const quiet = async (): Promise<number> => (await waitForQuiet(maxLoad)).load;

function tesseractVersion(): string {
  try {
    return execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0]!.trim();
  } catch {
    return 'tesseract CLI not installed';
  }
}

async function main() {
  const date = new Date();
  const dir = path.join(os.tmpdir(), 'claude-scope-bench-ocr');
  let frames = await makeFrames(dir);
  if (frameFilter) frames = frames.filter((f) => frameFilter.some((s) => f.name.includes(s)));
  const manifest = path.join(dir, 'selected.json');
  writeFileSync(manifest, JSON.stringify({ frames }));
  const version = tesseractVersion();
  const reports: SettingReport[] = [];
  for (const name of names) {
    if (SETTINGS[name]!.engine === 'tesseract-cli' && version.includes('not installed')) {
      console.log(`${name}: skipped (apt-get install tesseract-ocr tesseract-ocr-eng)`);
      continue;
    }
    const load = await quiet();
    const { stdout } = await execa(process.execPath, ['--import', 'tsx', '--conditions=source', path.join(HERE, 'child.ts'), name, manifest], { cwd: path.join(ROOT, 'bench') });
    const r = summarize(frames, JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult, SETTINGS[name]!, load);
    reports.push(r);
    const all = r.frames.all!;
    const reg = r.regions.all!;
    console.log(
      `${name}: frames R ${Math.round((100 * all.matched) / all.truth)} % P ${Math.round((100 * all.matched) / all.read)} %, regions R ${Math.round((100 * reg.matched) / reg.truth)} % P ${Math.round((100 * reg.matched) / reg.read)} %; 720p ${Math.round(r.ms.frame720)} ms, region ${Math.round(r.ms.region)} ms, CPU ${r.cpu.perMatched.toFixed(1)} ms/correct word (frames ${r.cpu.framePerMatched?.toFixed(1)}, regions ${r.cpu.regionPerMatched?.toFixed(1)}), RSS ${Math.round(r.maxRssMb)} MB`,
    );
  }
  const md = markdown(reports, { date, argv: process.argv.slice(2), frames, tesseractVersion: version });
  console.log(`\n${md}`);
  if (!process.argv.includes('--no-write')) {
    mkdirSync(path.dirname(outMd), { recursive: true });
    writeFileSync(outMd, md);
    writeFileSync(outMd.replace(/\.md$/, '') + '.json', `${JSON.stringify({ date: date.toISOString(), argv: process.argv.slice(2), reports }, null, 2)}\n`);
  }
}

await main();
