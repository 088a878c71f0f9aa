import { generateRecording, getScenario, type Split, type Truth, type VideoFormat } from '@claude-scope/testkit';

export interface Recording {
  name: string;
  scenario: string;
  split: Split;
  format: VideoFormat;
  size: string;
  file: string;
  truth: Truth;
}

export interface Plan {
  scenario: string;
  format: VideoFormat;
  width: number;
  height: number;
}

/** Testkit recordings at 30 fps (generated once, then cached under TESTKIT_CACHE_DIR), in plan order. */
export async function recordings(plan: readonly Plan[], log: (line: string) => void): Promise<Recording[]> {
  const out: Recording[] = [];
  for (const p of plan) {
    const t0 = performance.now();
    const rec = await generateRecording(p.scenario, { format: p.format, width: p.width, height: p.height, fps: 30 });
    const size = `${p.width}x${p.height}`;
    log(`${p.scenario} ${size} ${p.format}: ${rec.cached ? 'cached' : `generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`}`);
    out.push({ name: `${p.scenario} (${p.format}, ${p.height}p)`, scenario: p.scenario, split: getScenario(p.scenario).split, format: p.format, size, file: rec.videoPath, truth: rec.truth });
  }
  return out;
}
