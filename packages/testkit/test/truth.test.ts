import { describe, expect, it } from 'vitest';
import { buildTruth, checkTruth, MIN_STATE_MS, rebaseTruth, TRUTH_ORIGIN, type FrameRecord, type Truth } from '../src/truth.js';

const ORIGIN = 'http://127.0.0.1:5555';
const meta = { scenario: 'unit', width: 640, height: 360, fps: 10, origin: ORIGIN };

/** Frames at 10 fps; `spec` is one char per frame: '.' still, 'c' pointer layer changed (pointer, shape, hover, caret), 'x' changed. */
function frames(spec: string, labels: Record<number, FrameRecord['labels']> = {}, url = `${ORIGIN}/tasks`, stepMs = 100): FrameRecord[] {
  return [...spec].map((ch, i) => ({ t: i * stepMs, changed: i === 0 || ch === 'x', cursorMoved: ch === 'c', url, labels: labels[i] ?? [] }));
}

describe('buildTruth', () => {
  it("gives each step the ARIA changes from the previous step's settled tree to its own (none on the first)", () => {
    const tree = (n: string) => [{ role: 'status', ref: 'e1', text: n }];
    const captures = [0, 400, 500, 600].map((t, i) => ({ t, docId: 'd', tree: tree(String(i)) }));
    const truth = buildTruth(meta, frames('x...xxx...', { 0: [{ kind: 'navigate' }], 4: [{ kind: 'burst' }] }), [], captures);
    expect(truth.steps[0]!.aria).toBeUndefined();
    expect(truth.steps[1]!.aria).toEqual({ added: [], changed: [{ role: 'status', name: '3', before: { text: '0' }, after: { text: '3' } }], removed: [] });
  });

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
    const late = buildTruth(meta, frames('x..x..', { 1: [{ kind: 'spinner-done' }] }), []);
    expect(late.steps.map((s) => s.kind)).toEqual(['other', 'spinner-done']);
    const stale = buildTruth(meta, frames('x' + '.'.repeat(12) + 'x', { 1: [{ kind: 'click' }] }), []);
    expect(stale.steps.at(-1)!.kind).toBe('other');
    expect(checkTruth(stale).join()).toMatch(/unexplained change/);
  });

  it('each step names the texts visible once it settled that were not before it began', () => {
    const f = frames('x...xx...', { 0: [{ kind: 'navigate' }], 4: [{ kind: 'modal', target: 'Delete' }] });
    f[0]!.texts = ['Tasks', 'Delete'];
    f[4]!.texts = ['Tasks', 'Delete', 'Delete task?']; // the dialog fading in
    f[5]!.texts = ['Tasks', 'Delete', 'Delete task?', 'Cancel'];
    const truth = buildTruth(meta, f, []);
    expect(truth.steps.map((s) => s.appeared)).toEqual([['Tasks', 'Delete'], ['Delete task?', 'Cancel']]);
  });

  it('a second change after a still frame is a new step', () => {
    const truth = buildTruth(meta, frames('xx.x..', { 0: [{ kind: 'navigate' }] }), []);
    expect(truth.steps.map((s) => [s.kind, s.startMs, s.settledMs])).toEqual([['navigate', 0, 100], ['other', 300, 300]]);
  });
});

describe('the rule: what is a step', () => {
  const type = (target: string) => [{ kind: 'type' as const, target }];

  it('a run of typed characters in one field is one step, settled at the last character', () => {
    // navigate, click into Email, 4 characters 100 ms apart, a pause, 2 characters into Password
    const truth = buildTruth(meta, frames('x...x...xxxx.....x.x....', {
      0: [{ kind: 'navigate' }], 4: [{ kind: 'click', target: 'Email' }],
      8: type('Email'), 9: type('Email'), 10: type('Email'), 11: type('Email'), 17: type('Password'), 19: type('Password'),
    }), []);
    expect(truth.steps.map((s) => [s.kind, s.target, s.startMs, s.settledMs])).toEqual([
      ['navigate', undefined, 0, 0], ['click', 'Email', 400, 400], ['type', 'Email', 800, 1100], ['type', 'Password', 1700, 1900],
    ]);
    expect(checkTruth(truth)).toEqual([]);
  });

  it(`a state on screen for less than ${MIN_STATE_MS} ms is not a step: its change starts the next one`, () => {
    // a click at 300 shows a state for 100 ms, then the next state at 400 stays
    const truth = buildTruth(meta, frames('x..xxx.....', { 0: [{ kind: 'navigate' }], 3: [{ kind: 'click' }], 4: [{ kind: 'spinner-done' }] }), []);
    expect(truth.steps.map((s) => [s.kind, s.startMs, s.settledMs])).toEqual([['navigate', 0, 0], ['spinner-done', 300, 500]]);
    // exactly 200 ms is enough
    const burst = buildTruth(meta, frames('x..x.x.x....', { 0: [{ kind: 'navigate' }], 3: [{ kind: 'burst' }], 5: [{ kind: 'burst' }], 7: [{ kind: 'burst' }] }), []);
    expect(burst.steps.map((s) => s.startMs)).toEqual([0, 300, 500, 700]);
    // and a last state shorter than that is nothing
    expect(buildTruth(meta, frames('x...x', { 0: [{ kind: 'navigate' }], 4: [{ kind: 'click' }] }), []).steps.map((s) => s.kind)).toEqual(['navigate']);
  });

  it('a toast showing and hiding are two steps; the pointer layer alone never is one', () => {
    const truth = buildTruth(meta, frames('x.ccxxcccccccxxcc', { 0: [{ kind: 'navigate' }], 4: [{ kind: 'toast' }], 13: [{ kind: 'toast-hide' }] }), []);
    expect(truth.steps.map((s) => [s.kind, s.startMs, s.settledMs])).toEqual([['navigate', 0, 0], ['toast', 400, 500], ['toast-hide', 1300, 1400]]);
    expect(truth.cursorOnly).toEqual([{ startMs: 200, endMs: 300 }, { startMs: 600, endMs: 1200 }, { startMs: 1500, endMs: 1600 }]);
  });

  it('pointer-layer frames inside a step that absorbed a short state are not pointer-only', () => {
    // 50 ms a frame: the click's state shows 100 ms, with the pointer moving meanwhile
    const truth = buildTruth({ ...meta, fps: 20 }, frames('x.....xcx.........', { 0: [{ kind: 'navigate' }], 6: [{ kind: 'click' }], 8: [{ kind: 'modal' }] }, undefined, 50), []);
    expect(truth.steps.map((s) => [s.kind, s.startMs, s.settledMs])).toEqual([['navigate', 0, 0], ['modal', 300, 400]]);
    expect(truth.cursorOnly).toEqual([]);
    expect(checkTruth(truth)).toEqual([]);
  });
});

describe('checkTruth', () => {
  const good = (): Truth => buildTruth(meta, frames('xc.x..', { 0: [{ kind: 'navigate' }], 3: [{ kind: 'click' }] }), [
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
  const t = rebaseTruth(buildTruth(meta, frames('x..', { 0: [{ kind: 'navigate' }] }), [{ t: 0, type: 'navigate', url: `${ORIGIN}/login` }]), 'http://localhost:9999/');
  expect(t.origin).toBe('http://localhost:9999');
  expect(t.steps[0]!.url).toBe('http://localhost:9999/tasks');
  expect(t.timeline[0]).toEqual({ t: 0, type: 'navigate', url: 'http://localhost:9999/login' });
});
