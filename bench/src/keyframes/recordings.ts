import { generateRecording, getScenario, SCENARIOS, type Split, type Truth, type VideoFormat } from '@claude-scope/testkit';

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

/**
 * bench:keyframes' recordings of `scenarios` (in that order, per format): VP9 for every scenario; H.264 and
 * VP8 for some, validation ones included (other codecs' noise and keyframe patterns). `pick` overrides a
 * format's list (still only those in `scenarios`).
 */
export function defaultPlan(scenarios: readonly string[], width: number, height: number, pick: Partial<Record<VideoFormat, string[]>> = {}): Plan[] {
  const only = (list: readonly string[]) => list.filter((s) => scenarios.includes(s));
  const validation = SCENARIOS.filter((s) => s.split === 'validation').map((s) => s.name);
  const byFormat: [VideoFormat, string[]][] = [
    ['webm', only(pick.webm ?? scenarios)],
    ['mp4', only(pick.mp4 ?? ['login-flow', 'modal-confirm', ...validation])],
    ['webm-vp8', only(pick['webm-vp8'] ?? ['order-bursts', 'v-inbox-window', 'v-settings-bursts'])],
  ];
  return byFormat.flatMap(([format, list]) => list.map((scenario) => ({ scenario, format, width, height })));
}
