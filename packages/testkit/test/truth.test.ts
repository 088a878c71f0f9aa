import { describe, expect, it } from 'vitest';
import { buildTruth, checkTruth, rebaseTruth, TRUTH_ORIGIN, type FrameRecord, type Truth } from '../src/truth.js';

const ORIGIN = 'http://127.0.0.1:5555';
const meta = { scenario: 'unit', width: 640, height: 360, fps: 10, origin: ORIGIN };

/** Frames at 10 fps; `spec` is one char per frame: '.' still, 'c' cursor moved, 'x' changed. */
function frames(spec: string, labels: Record<number, FrameRecord['labels']> = {}, url = `${ORIGIN}/tasks`): FrameRecord[] {
  return [...spec].map((ch, i) => ({ t: i * 100, changed: i === 0 || ch === 'x', cursorMoved: ch === 'c', url, labels: labels[i] ?? [] }));
}

describe('buildTruth', () => {
  it('turns labelled changes into steps and merges animation frames into them', () => {
    const truth = buildTruth(meta, frames('xcc.xxx..xcc', { 0: [{ kind: 'navigate' }], 4: [{ kind: 'modal', target: 'Delete' }], 9: [{ kind: 'type', target: 'Email' }] }), [
      { t: 0, type: 'navigate', url: `${ORIGIN}/tasks` },
    ]);
    expect(truth.steps).toEqual([
      { startMs: 0, settledMs: 0, url: `${TRUTH_ORIGIN}/tasks`, kind: 'navigate' },
      { startMs: 400, settledMs: 600, url: `${TRUTH_ORIGIN}/tasks`, kind: 'modal', target: 'Delete' },
      { startMs: 900, settledMs: 900, url: `${TRUTH_ORIGIN}/tasks`, kind: 'type', target: 'Email' },
    ]);
    expect(truth.cursorOnly).toEqual([{ startMs: 100, endMs: 200 }, { startMs: 1000, endMs: 1100 }]);
    expect(truth.timeline).toEqual([{ t: 0, type: 'navigate', url: `${TRUTH_ORIGIN}/tasks` }]);
    expect(truth.durationMs).toBe(1200);
    expect(checkTruth(truth)).toEqual([]);
  });

  it('a label waits for the change it announces, but not forever', () => {
    const late = buildTruth(meta, frames('x..x', { 1: [{ kind: 'spinner-done' }] }), []);
    expect(late.steps.map((s) => s.kind)).toEqual(['other', 'spinner-done']);
    const stale = buildTruth(meta, frames('x' + '.'.repeat(12) + 'x', { 1: [{ kind: 'click' }] }), []);
    expect(stale.steps.at(-1)!.kind).toBe('other');
    expect(checkTruth(stale).join()).toMatch(/unexplained change/);
  });

  it('a second change after a still frame is a new step', () => {
    const truth = buildTruth(meta, frames('xx.x', { 0: [{ kind: 'navigate' }] }), []);
    expect(truth.steps.map((s) => [s.kind, s.startMs, s.settledMs])).toEqual([['navigate', 0, 100], ['other', 300, 300]]);
  });
});

describe('checkTruth', () => {
  const good = (): Truth => buildTruth(meta, frames('xc.x', { 0: [{ kind: 'navigate' }], 3: [{ kind: 'click' }] }), [
    { t: 0, type: 'navigate', url: `${ORIGIN}/tasks` },
    { t: 200, type: 'click', role: 'button', name: 'Add task' },
  ]);

  it('accepts a consistent truth', () => expect(checkTruth(good())).toEqual([]));

  it('reports disorder', () => {
    const t = good();
    t.steps[1]!.settledMs = t.steps[1]!.startMs - 1;
    t.timeline[1]!.t = -5;
    t.cursorOnly.push({ startMs: 250, endMs: 350 });
    const problems = checkTruth(t).join('\n');
    expect(problems).toMatch(/settledMs < startMs/);
    expect(problems).toMatch(/timeline 1: t -5 outside the video/);
    expect(problems).toMatch(/cursorOnly 1: overlaps a step/);
  });
});

it('rebaseTruth points every URL at a running app', () => {
  const t = rebaseTruth(buildTruth(meta, frames('x', { 0: [{ kind: 'navigate' }] }), [{ t: 0, type: 'navigate', url: `${ORIGIN}/login` }]), 'http://localhost:9999/');
  expect(t.origin).toBe('http://localhost:9999');
  expect(t.steps[0]!.url).toBe('http://localhost:9999/tasks');
  expect(t.timeline[0]).toEqual({ t: 0, type: 'navigate', url: 'http://localhost:9999/login' });
});
