// pnpm --filter @claude-scope/testkit run generate [--scenario a,b] [--size 1280x720,1920x1080] [--format webm,webm-vp8,mp4]
//   [--fps 30] [--out dir] [--force] [--verify] [--list]
import { parseArgs } from 'node:util';
import { DEFAULT_RECORDING, generateRecording } from './generate.js';
import type { VideoFormat } from './recorder/encoder.js';
import { SCENARIOS } from './scenarios/index.js';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', multiple: true },
    size: { type: 'string', multiple: true },
    format: { type: 'string', multiple: true },
    fps: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    verify: { type: 'boolean' },
    list: { type: 'boolean' },
  },
});
const list = (v: string[] | undefined, fallback: string[]) => (v?.length ? v.flatMap((x) => x.split(',')) : fallback);

if (values.list) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(22)} ${s.split.padEnd(10)} ${(s.frame ?? 'page').padEnd(6)} ${(s.theme ?? 'light').padEnd(5)} ${s.description}`);
  process.exit(0);
}

const scenarios = list(values.scenario, SCENARIOS.map((s) => s.name));
const sizes = list(values.size, [`${DEFAULT_RECORDING.width}x${DEFAULT_RECORDING.height}`]).map((s) => {
  const m = /^(\d+)x(\d+)$/.exec(s);
  if (!m) throw new Error(`--size must look like 1280x720, got ${s}`);
  return { width: Number(m[1]), height: Number(m[2]) };
});
const formats = list(values.format, [DEFAULT_RECORDING.format]) as VideoFormat[];
const fps = values.fps ? Number(values.fps) : DEFAULT_RECORDING.fps;

for (const scenario of scenarios) {
  for (const size of sizes) {
    for (const format of formats) {
      const started = performance.now();
      const r = await generateRecording(scenario, { ...size, format, fps, outDir: values.out, force: values.force, verify: values.verify });
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `${scenario.padEnd(22)} ${size.width}x${size.height} ${format.padEnd(4)} ${(r.truth.durationMs / 1000).toFixed(1).padStart(5)} s ` +
          `${String(r.truth.steps.length).padStart(3)} steps ${String(r.truth.cursorOnly.length).padStart(3)} cursor-only ` +
          `${r.cached ? 'cached' : `made in ${secs} s`}  ${r.videoPath}`,
      );
    }
  }
}
