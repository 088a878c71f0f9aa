import { describe, expect, it } from 'vitest';
import { capStates, ChangeDetector } from '../src/detector/index.js';
import { blend, caret, cursor, glyph, H, page, rect, W, type Img } from './helpers/scene.js';
import { detect, times } from './helpers/run.js';

const ease = (p: number) => (p < 0.5 ? 2 * p * p : 1 - (-2 * p + 2) ** 2 / 2);
const lerp = (a: number, b: number, p: number) => a + (b - a) * p;

/** Pointer path: rest, fast sweep, rest, slow crawl over the input, rest, one-frame jump, rest. */
function pointerAt(t: number): { x: number; y: number } {
  const legs: [number, number, number, number, number, number][] = [
    // [t0, t1, x0, y0, x1, y1]
    [0, 500, 50, 150, 50, 150],
    [500, 1500, 50, 150, 280, 40],
    [1500, 2000, 280, 40, 280, 40],
    [2000, 3500, 280, 40, 235, 70],
    [3500, 4000, 235, 70, 235, 70],
    [4000, 4040, 235, 70, 100, 100],
  ];
  for (const [t0, t1, x0, y0, x1, y1] of legs) {
    if (t < t1) {
      const p = ease(Math.max(0, (t - t0) / (t1 - t0)));
      return { x: lerp(x0, x1, p), y: lerp(y0, y1, p) };
    }
  }
  return { x: 100, y: 100 };
}

const withPointer = (img: Img, t: number) => {
  const p = pointerAt(t);
  return cursor(img, p.x, p.y);
};

describe('ChangeDetector', () => {
  it('emits the first frame as step 0 and nothing for a static page', () => {
    const steps = detect(() => page(), { durationMs: 3000 });
    expect(steps).toEqual([{ timestampMs: 0, fromMs: 0, score: 1, candidatesMs: [] }]);
  });

  it.each([10, 15, 30])('ignores a pointer moving, crawling, jumping and resting (%i fps)', (fps) => {
    const steps = detect((t) => withPointer(page(), t), { durationMs: 5000, fps });
    expect(times(steps)).toEqual([0]);
  });

  it('tracks where the pointer went: samples follow its path and stop where it rests', () => {
    const det = new ChangeDetector({ width: W, height: H });
    for (let t = 0; t <= 5000; t += 100) det.push(withPointer(page(), t), t);
    det.finish();
    const track = det.pointer;
    expect(track.length).toBeGreaterThan(10);
    // Its box's centre sits a few pixels below-right of the arrow's tip, where the path was at that frame (or,
    // for the move that confirms a new track, the frame before).
    const near = (p: { x: number; y: number }, t: number) => Math.hypot(p.x - pointerAt(t).x - 4, p.y - pointerAt(t).y - 6) <= 6;
    for (const p of track) expect(near(p, p.t) || near(p, p.t - 100), `sample at ${p.t}: ${p.x},${p.y}`).toBe(true);
    // No samples while it rests (2000 ms is inside 1500–2000, a rest).
    expect(track.some((p) => p.t > 1600 && p.t <= 2000)).toBe(false);
  });

  it('does not follow the pointer onto a caret that blinks on as the pointer vanishes into a hover shade', () => {
    // The pointer heads left into a button (40–100, 130–146) that lights up under it: pointer and shade are one
    // big blob, and only its old place is left, far from it. In that frame (1100 ms) the caret in the field blinks on.
    const det = new ChangeDetector({ width: W, height: H });
    for (let t = 0; t <= 3000; t += 100) {
      const img = page();
      if (Math.floor(t / 530) % 2 === 0) caret(img, 200, 64);
      const x = t < 600 ? 240 : t < 1000 ? 240 - 0.2 * (t - 600) : t < 1100 ? 160 - 0.8 * (t - 1000) : 80;
      rect(img, 40, 130, 60, 16, x >= 40 && x < 100 ? 170 : 200);
      det.push(cursor(img, x, 133), t);
    }
    det.finish();
    expect(det.pointer.length).toBeGreaterThan(2);
    // A caret is 1 px wide; a pointer sprite never is at any scale the detector reads.
    for (const p of det.pointer) expect(Math.hypot(p.x - 200, p.y - 69), `sample at ${p.t}: ${p.x},${p.y}`).toBeGreaterThan(6);
  });

  it('does not take a word of new text, refined by the codec in the next frame, for the pointer', () => {
    // A toast's word shows up rough and 3 px low (1000 ms), then in its place (1100 ms): the pixels it left go
    // back to the page, as a pointer's would. It is much wider than tall, which no pointer sprite is.
    const det = new ChangeDetector({ width: W, height: H });
    for (let t = 0; t <= 2000; t += 100) {
      const img = page();
      if (t >= 1000) rect(img, 240, t >= 1100 ? 150 : 153, 18, 5, 60);
      det.push(img, t);
    }
    const steps = det.finish();
    expect(det.pointer).toEqual([]);
    expect(times(steps)).toHaveLength(2);
  });

  it('gives no step for a pointer leaving the button it clicked, its hover shade switching off with it', () => {
    // The pointer glides onto a button (40–100, 130–146), which shades; the click relabels the button under it
    // (the tracker forgets it there) and opens a panel. It rests on the button through the settled state, shifts
    // a little (re-found as a new small blob inside the button), then leaves: its old place and the shade
    // switching off are one change. Where it sat, on the shade, is no change of the UI.
    const at = (t: number) =>
      t < 600 ? { x: 240, y: 100 } : t < 1000 ? { x: 240 - 0.425 * (t - 600), y: 100 + 0.0825 * (t - 600) } : t < 2500 ? { x: 70, y: 133 } : t < 2600 ? { x: 73, y: 134 } : t < 2700 ? { x: 150, y: 100 } : { x: 160, y: 100 };
    const frame = (t: number) => {
      const img = page();
      const p = at(t);
      rect(img, 40, 130, 60, 16, p.x >= 40 && p.x < 100 && p.y >= 125 ? 170 : 200);
      rect(img, 50, 136, t >= 1200 ? 40 : 30, 4, 60); // the button's label
      if (t >= 1200) rect(img, 150, 140, 150, 30, 60);
      return cursor(img, p.x, p.y);
    };
    const steps = detect(frame, { durationMs: 4500, fps: 10 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeLessThan(2000);
  });

  it('gives no step for a pointer leaving the button it clicked when its lit shade barely clears the threshold', () => {
    // A small button (40–76, 130–144) lights by 25 levels under the pointer: with the codec's noise only about half
    // its pixels change by more than the threshold, fewer than the sprite's. The click opens a panel; the pointer
    // rests on the button through the settled state, then leaves in one stroke, found again only frames later.
    const at = (t: number) =>
      t < 600 ? { x: 240, y: 100 } : t < 1000 ? { x: 240 - 0.45 * (t - 600), y: 100 + 0.08 * (t - 600) } : t < 2500 ? { x: 60, y: 132 } : { x: Math.min(240, 60 + 0.4 * (t - 2500)), y: Math.max(100, 132 - 0.1 * (t - 2500)) };
    const frame = (t: number) => {
      const img = page();
      const p = at(t);
      rect(img, 40, 130, 36, 14, p.x >= 40 && p.x < 76 && p.y >= 125 && p.y < 144 ? 175 : 200);
      rect(img, 46, 135, 24, 4, 60); // the button's label
      if (t >= 1200) rect(img, 150, 140, 150, 30, 60);
      return cursor(img, p.x, p.y);
    };
    const steps = detect(frame, { durationMs: 4500, fps: 10 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeLessThan(2000);
  });

  it('masks the pointer where the settled frame shows it, when the frame after it moves the pointer on', () => {
    // A panel opens at 600 ms while the pointer rests; 700 and 800 are quiet. At 900 something flickers (gone at
    // 1000) as the pointer leaves: the quiet stretch ends there, so 800 is the settled frame — showing the pointer
    // where it rested, not where 900 moved it. Its leaving that place later is no step.
    const at = (t: number) => (t < 400 ? { x: 40 + 0.1 * t, y: 100 } : t < 900 ? { x: 80, y: 100 } : { x: Math.min(260, 80 + 0.6 * (t - 800)), y: 40 });
    const frame = (t: number) => {
      const img = page();
      if (t >= 600) rect(img, 150, 140, 150, 30, 60);
      if (t >= 900 && t < 1000) rect(img, 20, 150, 40, 12, 90);
      const p = at(t);
      return cursor(img, p.x, p.y);
    };
    const steps = detect(frame, { durationMs: 4000, fps: 10, noise: 0 });
    expect(times(steps)).toEqual([0, 800]);
  });

  it('gives no step for the pointer found somewhere new in the last frame, lost by the tracker on its way there', () => {
    // The pointer glides and rests, then the tracker loses it (here it is hidden a while; in a recording, a sweep
    // over rows lighting up under it). In the recording's last frame it shows up far away, unproven only because
    // no frame comes after. Where no pointer was ever drawn, the same small thing in the last frame is the page's
    // own, and a step.
    const frame = (t: number, drawn: boolean) => {
      const img = page();
      if (t >= 2000) return cursor(img, 250, 150);
      if (!drawn || t >= 1200) return img;
      return cursor(img, 40 + 0.15 * Math.min(t, 1000), 50 + 0.05 * Math.min(t, 1000));
    };
    const ends = { durationMs: 2000, fps: 10 };
    expect(times(detect((t) => frame(t, true), ends))).toEqual([0]);
    expect(times(detect((t) => frame(t, false), ends))).toEqual([0, 2000]);
    // A pointer-sized change that stayed its 200 ms is a step even where a pointer is drawn.
    const tick = (t: number) => (t >= 1700 ? rect(frame(Math.min(t, 1999), true), 250, 150, 5, 8, 40) : frame(t, true));
    expect(times(detect(tick, ends))).toHaveLength(2);
    // So is one new in the frame before the last when that frame came 230 ms earlier (a variable frame rate).
    const sparse = [...Array.from({ length: 16 }, (_, i) => i * 100), 2500, 2730];
    expect(times(detect((t) => (t >= 2500 ? rect(frame(1999, true), 250, 150, 5, 8, 40) : frame(t, true)), { durationMs: 2730, times: sparse }))).toHaveLength(2);
  });

  it('with timeline candidates, keeps each answer to clicks 270 ms apart that a frame showed unchanged', () => {
    // A stepper clicked three times: the counter answers 40 ms after each click, and the next click comes before
    // the answer has been still for settleMs. The user acted on each answer: each is a step.
    const clicks = [1000, 1270, 1540];
    const frame = (t: number) => {
      const n = clicks.filter((c) => t >= c + 40).length;
      return rect(page(), 200, 100, 6 + 8 * n, 10, 40);
    };
    const steps = detect(frame, { durationMs: 3000, fps: 10, noise: 0, candidatesMs: clicks });
    expect(times(steps)).toEqual([0, 1200, 1500, 1900]);
  });

  it('ignores a blinking caret, whatever phase the clip starts or ends in', () => {
    for (const [phase, end] of [[0, 5000], [530, 5000], [0, 4300], [530, 4100]] as const) {
      const on = (t: number) => Math.floor((t + phase) / 530) % 2 === 0;
      const steps = detect((t) => (on(t) ? caret(page(), 184, 64) : page()), { durationMs: end });
      expect(times(steps), `phase ${phase}, end ${end}`).toEqual([0]);
    }
  });

  it('emits one step for one typed character, once it settled', () => {
    const steps = detect((t) => (t >= 1500 ? glyph(page(), 184, 64) : page()), { durationMs: 4000 });
    expect(steps).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(1750);
    expect(steps[1]!.timestampMs).toBeLessThanOrEqual(1850);
    expect(steps[1]!.score).toBeGreaterThan(0);
  });

  it('emits one step for a character typed next to a blinking caret', () => {
    const frame = (t: number) => {
      const img = page();
      const typed = t >= 2000;
      if (typed) glyph(img, 184, 64);
      if (Math.floor(t / 530) % 2 === 0) caret(img, typed ? 188 : 184, 64);
      return img;
    };
    const steps = detect(frame, { durationMs: 6000 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(2250);
    expect(steps[1]!.timestampMs).toBeLessThan(2600);
  });

  it('emits one step per character typed slower than the settle window', () => {
    const steps = detect(
      (t) => {
        const img = page();
        for (let i = 0; i < 5; i++) if (t >= 1000 + i * 450) glyph(img, 184 + i * 4, 64);
        return img;
      },
      { durationMs: 5000 },
    );
    expect(times(steps)).toHaveLength(6);
  });

  it('emits one step for a password typed behind a caret that moves with it, after the last dot', () => {
    // The caret steps right as each dot lands: a small thing moving that leaves pixels changed behind
    // it. The dots are the step, not a pointer's trail: a tracker that let its box grow over them (until
    // the word outgrew a pointer) hid every short password from the detector.
    const frame = (t: number) => {
      const img = page();
      let n = 0;
      for (let i = 0; i < 4; i++) if (t >= 2500 + i * 100) n = i + 1;
      for (let i = 0; i < n; i++) rect(rect(img, 183 + i * 5, 67, 5, 5, 150), 184 + i * 5, 68, 3, 3, 60); // anti-aliased dot
      if (n > 0 || Math.floor(t / 530) % 2 === 0) rect(rect(img, 183 + n * 5, 63, 3, 12, 140), 184 + n * 5, 64, 1, 10, 30); // caret
      return img;
    };
    const steps = detect(frame, { durationMs: 5000 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(2800 + 250);
  });

  it('emits one step for a word typed behind a caret, not a pointer that crawls along it (no pointer drawn)', () => {
    // The caret, advancing a character at a time on the same rows while the old one blinks out, moves like a small
    // pointer. Taken for one, its moves explained the typing away: a step mid-word, and the word masked after it.
    const frame = (t: number) => {
      const img = page();
      const n = Math.max(0, Math.min(12, Math.floor((t - 1000) / 110) + 1));
      for (let i = 0; i < n; i++) glyph(img, 184 + i * 4, 64);
      rect(rect(img, 183 + n * 4, 63, 2, 12, 140), 184 + n * 4, 64, 1, 10, 30); // an anti-aliased caret
      return img;
    };
    const steps = detect(frame, { durationMs: 4000, fps: 10 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(1000 + 11 * 110);
  });

  it('reports no pointer for a recording that draws none: a caret stepping along a row is no pointer', () => {
    // A tab capture: the caret advances a character at a time, blinking (its moves stop and start again, so it is
    // tracked anew, and a step that takes in only the glyph it left looks like a small sprite moving on). Reported as
    // a pointer, it made the typing look like clicks along the field.
    const det = new ChangeDetector({ width: W, height: H });
    for (let t = 0; t <= 6000; t += 100) {
      const img = page();
      // Thirty characters: the caret goes further than any pointer sprite is wide.
      const n = Math.max(0, Math.min(30, Math.floor((t - 1000) / 160) + 1));
      for (let i = 0; i < n; i++) glyph(img, 130 + i * 4, 64);
      if (Math.floor(t / 530) % 2 === 0) rect(rect(img, 129 + n * 4, 63, 2, 12, 140), 130 + n * 4, 64, 1, 10, 30);
      // A button's small icon switching on later (a spinner's first dot): a small new thing, no pointer either.
      if (t >= 5000) rect(img, 250, 140, 3, 3, 60);
      if (t >= 5100) rect(img, 254, 140, 3, 3, 60);
      det.push(img, t);
    }
    det.finish();
    expect(det.pointer).toEqual([]);
  });

  it('reports no pointer for a password typed with none drawn, its caret stepping back as the field loses focus', () => {
    // A tab capture: a password's dots grow rightwards a character at a time with the caret after them (the two
    // together wider than a caret), then the caret shows one dot back. Taken for a pointer going somewhere (9 samples
    // before), it turned off the hover rule for the rest of a recording with no pointer (tab-capture-settings).
    const det = new ChangeDetector({ width: W, height: H });
    for (let t = 0; t <= 5000; t += 100) {
      const img = page();
      const n = Math.max(0, Math.min(14, Math.floor((t - 500) / 120) + 1));
      for (let i = 0; i < n; i++) rect(img, 186 + i * 3, 67, 2, 2, 60);
      det.push(rect(img, t < 3200 ? 186 + n * 3 : 183 + n * 3, 63, 1, 9, 30), t);
    }
    det.finish();
    expect(det.pointer).toEqual([]);
  });

  it('follows the pointer, not the caret, when both move in the same frames (typing while the mouse moves)', () => {
    // A word is typed in the field from 500 ms, a character every 100 ms; from 1000 ms the pointer glides from
    // (40,150) to (140,110), both moving in every frame.
    const at = (t: number) => ({ x: 40 + Math.min(100, Math.max(0, (t - 1000) / 20)), y: 150 - Math.min(40, Math.max(0, (t - 1000) / 50)) });
    const det = new ChangeDetector({ width: W, height: H });
    for (let t = 0; t <= 4000; t += 100) {
      const img = page();
      const n = Math.max(0, Math.min(22, Math.floor((t - 500) / 100) + 1));
      for (let i = 0; i < n; i++) glyph(img, 184 + i * 4, 64);
      rect(rect(img, 183 + n * 4, 63, 2, 12, 140), 184 + n * 4, 64, 1, 10, 30); // an anti-aliased caret
      const p = at(t);
      det.push(cursor(img, p.x, p.y), t);
    }
    det.finish();
    // A sample for (nearly) every frame it moved in, each on its path, none on the field's row.
    expect(det.pointer.filter((p) => p.t > 1000 && p.t <= 3000).length).toBeGreaterThanOrEqual(16);
    for (const p of det.pointer) expect(p.y > 90 && p.x < 160, `sample at ${p.t}: ${p.x},${p.y}`).toBe(true);
  });

  it('says which frames show a word typed and submitted before it could settle, and where its caret stood', () => {
    // Typed, then Enter 100 ms after the last character: the field clears and a row is added below. The word is on
    // screen for less than a step's 200 ms, so no step shows it: the step after it names the frames that do.
    const enterMs = 1000 + 11 * 110 + 100;
    const frame = (t: number) => {
      const img = page();
      const n = t >= enterMs ? 0 : Math.max(0, Math.min(12, Math.floor((t - 1000) / 110) + 1));
      for (let i = 0; i < n; i++) glyph(img, 184 + i * 4, 64);
      rect(rect(img, 183 + n * 4, 63, 2, 12, 140), 184 + n * 4, 64, 1, 10, 30); // an anti-aliased caret
      if (t >= enterMs) rect(img, 20, 120, 200, 16, 90); // the row the value was added as
      return img;
    };
    const steps = detect(frame, { durationMs: 4000, fps: 30 });
    expect(times(steps)).toHaveLength(2);
    const typed = steps[1]!.typed!;
    expect(typed).toBeDefined();
    // From the last character's frame to the last frame before Enter's answer.
    expect(typed.fromMs).toBeGreaterThanOrEqual(1000 + 11 * 110);
    expect(typed.untilMs).toBeLessThan(enterMs + 40);
    expect(typed.untilMs).toBeGreaterThanOrEqual(typed.fromMs);
    // The caret's place: its box's centre (the box may take in the step it took over the last character).
    expect(Math.abs(typed.x - (184 + 12 * 4))).toBeLessThanOrEqual(4);
    expect(Math.abs(typed.y - 69)).toBeLessThanOrEqual(3);

    // Left to settle before Enter, the typed word is a step of its own, which shows it: the next step names nothing.
    const settled = (t: number) => frame(t < enterMs ? t : t < enterMs + 800 ? enterMs - 1 : t);
    const both = detect(settled, { durationMs: 4000, fps: 30 });
    expect(times(both)).toHaveLength(3);
    expect(both.every((s) => s.typed === undefined)).toBe(true);
  });

  it('does not take a character typed where placeholder text vanished for the pointer', () => {
    // Typing replaces a gray placeholder; the next characters land where its words were, and their
    // anti-aliased edges match its gray: a pointer leaving would look alike, but the rest stays gone.
    const typed = (img: Img, x: number) => rect(rect(img, x, 66, 2, 6, 50), x + 2, 66, 1, 6, 110);
    const frame = (t: number) => {
      const img = page();
      if (t < 1000) for (let i = 0; i < 3; i++) rect(img, 184 + i * 14, 66, 11, 6, 110);
      for (let i = 0; i < 5; i++) if (t >= 1000 + i * 130) typed(img, 184 + i * 4);
      return img;
    };
    const steps = detect(frame, { durationMs: 3000 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(1520 + 250);
  });

  it('emits two steps for a toast that appears and goes away 2 s later', () => {
    const steps = detect((t) => (t >= 1000 && t < 3000 ? rect(page(), 150, 140, 150, 30, 60) : page()), {
      durationMs: 5000,
    });
    expect(times(steps)).toHaveLength(3);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(1250);
    expect(steps[1]!.timestampMs).toBeLessThan(1400);
    expect(steps[2]!.timestampMs).toBeGreaterThanOrEqual(3250);
    expect(steps[2]!.timestampMs).toBeLessThan(3400);
  });

  it('emits one step for a full repaint', () => {
    const other = () => {
      const img = new Uint8Array(W * H).fill(30);
      rect(img, 40, 40, 240, 100, 200);
      return img;
    };
    const steps = detect((t) => (t >= 1000 ? other() : page()), { durationMs: 3000 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.score).toBeGreaterThan(0.5);
  });

  it('keeps changes 400 ms apart separate and merges changes 150 ms apart', () => {
    const at = (gap: number) => (t: number) => {
      const img = page();
      for (let i = 0; i < 3; i++) if (t >= 1000 + i * gap) rect(img, 20 + i * 90, 120, 80, 30, 80);
      return img;
    };
    expect(times(detect(at(400), { durationMs: 3500 }))).toHaveLength(4);
    expect(times(detect(at(150), { durationMs: 3500 }))).toHaveLength(2);
  });

  it('emits a slow fade once, at its end, and a fade that returns nothing', () => {
    const fadeIn = (t: number) => blend(page(), 0, 20, W, H - 20, 0, Math.min(1, Math.max(0, (t - 1000) / 1500)));
    const steps = detect(fadeIn, { durationMs: 4000 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(2500);

    const there = (t: number) => Math.max(0, 1 - Math.abs(t - 2000) / 800); // 0 → 1 → 0 over 1.6 s
    const back = detect((t) => blend(page(), 0, 20, W, H - 20, 0, there(t)), { durationMs: 4000 });
    expect(times(back)).toEqual([0]);
  });

  it('still settles a change while the pointer keeps moving', () => {
    const frame = (t: number) => {
      const img = t >= 1200 ? rect(page(), 150, 140, 150, 30, 60) : page();
      const x = 20 + ((t / 10) % 250);
      return cursor(img, x, 100 + 20 * Math.sin(t / 300));
    };
    const steps = detect(frame, { durationMs: 4000 });
    expect(times(steps)).toHaveLength(2);
    expect(steps[1]!.timestampMs).toBeLessThan(1600);
  });

  it('settles a typed character before a pointer that shows up somewhere else and moves on', () => {
    // The UI changed under the pointer (or its shape changed) and the tracker lost it: it shows up anew
    // at 1133 ms and moves on at 1200, which proves it the pointer; its first frame was no UI change, so
    // the character typed at 1000 has settled by 1267, before the banner at 1333.
    const frame = (t: number) => {
      const img = t >= 1000 ? glyph(page(), 184, 64) : page();
      if (t >= 1300) rect(img, 0, 140, W, 30, 120);
      if (t >= 1100) cursor(img, t >= 1150 ? 80 : 60, t >= 1150 ? 100 : 110);
      return img;
    };
    const steps = detect(frame, { durationMs: 3000 });
    expect(times(steps)).toHaveLength(3);
    expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(1250);
    expect(steps[1]!.timestampMs).toBeLessThan(1333);
  });

  describe('hover highlights', () => {
    const ROW = { x: 20, y: 100, w: 280, h: 14 };
    const inRow = (p: { x: number; y: number }) => p.x >= ROW.x && p.x < ROW.x + ROW.w && p.y >= ROW.y && p.y < ROW.y + ROW.h;
    /** The pointer glides down into a list row, along it, and on below it. */
    const pointer = (t: number) => {
      // Down into the row (300–600 ms), along it (600–1200), down out of it (1200–1500), then rest.
      const p = (t0: number, t1: number) => Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
      return { x: 40 + 220 * p(600, 1200), y: 60 + 45 * p(300, 600) + 50 * p(1200, 1500) };
    };
    /** A list row with a label; lit (a shade darker, dark pixels a shade lighter) while the pointer is on it. */
    const frame = (t: number, extra?: (img: Img) => void, drawn = true) => {
      const img = page();
      rect(img, ROW.x + 4, ROW.y + 5, 60, 4, 90);
      extra?.(img);
      const p = pointer(t);
      if (inRow(p)) {
        for (let y = ROW.y; y < ROW.y + ROW.h; y++) {
          for (let x = ROW.x; x < ROW.x + ROW.w; x++) img[y * W + x] = img[y * W + x]! > 127 ? img[y * W + x]! - 30 : img[y * W + x]! + 30;
        }
      }
      return drawn ? cursor(img, p.x, p.y) : img;
    };

    it('gives no step for a row lighting up as the pointer enters and going dark as it leaves', () => {
      expect(times(detect((t) => frame(t), { durationMs: 4500 }))).toEqual([0]);
    });

    it('still finds a change inside the lit row (a box ticked)', () => {
      const steps = detect((t) => frame(t, (img) => t >= 1800 && rect(img, 280, 103, 6, 8, 40)), { durationMs: 4500 });
      expect(times(steps)).toHaveLength(2);
      expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(2050);
      expect(steps[1]!.timestampMs).toBeLessThan(2500);
    });

    it('with no pointer drawn (a tab capture), a row shaded as a whole is still a hover, and a box ticked in it a change', () => {
      expect(times(detect((t) => frame(t, undefined, false), { durationMs: 4500 }))).toEqual([0]);
      const steps = detect((t) => frame(t, (img) => t >= 1800 && rect(img, 280, 103, 6, 8, 40), false), { durationMs: 4500 });
      expect(times(steps)).toHaveLength(2);
      expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(1800);
    });
  });

  it('waits for a spinner to stop: an animation is not a settled state', () => {
    const frame = (t: number) => {
      const img = page();
      if (t >= 1000 && t < 2500) {
        // A loading spinner: a light ring with a dark arc (a quarter of it) turning 360°/s.
        const start = Math.floor(t / 83) % 12;
        for (let k = 0; k < 12; k++) {
          const a = (k * Math.PI) / 6;
          const dark = (k - start + 12) % 12 < 3;
          rect(img, 150 + Math.round(4 * Math.cos(a)), 120 + Math.round(4 * Math.sin(a)), 2, 2, dark ? 60 : 210);
        }
        rect(img, 162, 118, 40, 5, 120); // "Loading…"
      }
      if (t >= 2500) rect(img, 20, 120, 200, 40, 120); // the content it was loading
      return img;
    };
    for (const fps of [10, 30]) {
      const steps = detect(frame, { durationMs: 4000, fps });
      expect(times(steps), `${fps} fps`).toHaveLength(2);
      expect(steps[1]!.timestampMs).toBeGreaterThanOrEqual(2750);
    }
  });

  it('emits the state a spinner gave way to when it is the state before it (a retry that failed the same way)', () => {
    // An alert with a Retry button; clicked, the button turns into a spinner and "Loading…" for `loadMs`, then the
    // same alert shows again.
    const alert = (img: Img) => rect(rect(img, 20, 100, 280, 50, 90), 200, 115, 60, 20, 200);
    const frame = (loadMs: number) => (t: number) => {
      const img = alert(page());
      if (t < 1000 || t >= 1000 + loadMs) return img;
      rect(img, 200, 115, 60, 20, 90);
      const start = Math.floor(t / 83) % 12;
      for (let k = 0; k < 12; k++) {
        const a = (k * Math.PI) / 6;
        rect(img, 210 + Math.round(4 * Math.cos(a)), 125 + Math.round(4 * Math.sin(a)), 2, 2, (k - start + 12) % 12 < 3 ? 240 : 120);
      }
      return rect(img, 222, 122, 34, 6, 230); // "Loading…"
    };
    for (const fps of [10, 30]) {
      const steps = detect(frame(700), { durationMs: 3500, fps });
      expect(times(steps), `${fps} fps`).toHaveLength(2);
      expect(steps[1]!.timestampMs, `${fps} fps`).toBeGreaterThanOrEqual(1950);
      expect(steps[1]!.score, `${fps} fps`).toBeGreaterThan(0);
      // It says when the state in between showed: from the click to the alert back.
      expect(steps[1]!.returned!.fromMs, `${fps} fps`).toBeGreaterThanOrEqual(1000);
      expect(steps[1]!.returned!.fromMs, `${fps} fps`).toBeLessThan(1100);
      expect(steps[1]!.returned!.untilMs, `${fps} fps`).toBeGreaterThanOrEqual(1700);
      expect(steps[1]!.returned!.untilMs, `${fps} fps`).toBeLessThan(1800);
      // And where: the button's blocks (it spans x 200–260, y 115–135), not the page around it.
      const box = steps[1]!.returned!.box;
      expect(box.x0 <= 200 && box.y0 <= 115 && box.x1 >= 260 && box.y1 >= 135, JSON.stringify(box)).toBe(true);
      expect((box.x1 - box.x0) * (box.y1 - box.y0), JSON.stringify(box)).toBeLessThanOrEqual(96 * 48);
      // Shown for less than a step's 200 ms (one frame at 10 fps), the spinner leaves nothing.
      expect(times(detect(frame(80), { durationMs: 3500, fps })), `${fps} fps`).toEqual([0]);
    }
  });

  it('keeps the settled frame after each candidate, even with no change', () => {
    const frame = (t: number) => {
      const img = t >= 3000 ? glyph(page(), 184, 64) : page();
      return withPointer(img, t);
    };
    const steps = detect(frame, { durationMs: 5000, candidatesMs: [0, 2000, 3000] });
    expect(steps[0]!.candidatesMs).toEqual([0]);
    // The last frame of a quiet stretch that lasted settleMs after the event (frames are 67 ms apart).
    const s1 = steps.find((s) => s.candidatesMs.includes(2000))!;
    expect(s1.timestampMs).toBeGreaterThanOrEqual(2200);
    expect(s1.timestampMs).toBeLessThan(2400);
    expect(s1.score).toBe(0); // the pointer moved, the page did not
    // A tiny change answering an event is kept at once, without waiting to see it stay.
    const s2 = steps.find((s) => s.candidatesMs.includes(3000))!;
    expect(s2.timestampMs).toBeGreaterThanOrEqual(3250);
    expect(s2.timestampMs).toBeLessThan(3400);
    expect(s2.score).toBeGreaterThan(0);
    expect(steps).toHaveLength(3);
  });

  it('finds settled states in sparse, variable-rate frames', () => {
    const frame = (t: number) => (t >= 1000 && t < 2500 ? rect(page(), 150, 140, 150, 30, 60) : page());
    // 1040 is the last frame of a quiet stretch that lasted settleMs; after 2530 the first frame old enough is 4000.
    const steps = detect(frame, { durationMs: 0, times: [0, 1000, 1040, 2500, 2530, 4000] });
    expect(times(steps)).toEqual([0, 1040, 4000]);
  });

  it('drops a merged state\'s return: the state after it no longer follows the one it came back to', () => {
    const box = { x0: 0, y0: 0, x1: 32, y1: 16 };
    const state = (timestampMs: number, score: number, returned?: { fromMs: number; untilMs: number }) => ({ timestampMs, fromMs: timestampMs, score, candidatesMs: [], ...(returned ? { returned: { ...returned, box } } : {}) });
    const all = [state(0, 1), state(1000, 0.3), state(2000, 0.01, { fromMs: 1500, untilMs: 1900 }), state(3000, 0.2, { fromMs: 2500, untilMs: 2900 }), state(4000, 0.5)];
    // 2000 (the smallest) merges into 3000, which came back to 2000's state: no longer what came before it.
    const capped = capStates(all, 4);
    expect(capped.map((s) => s.timestampMs)).toEqual([0, 1000, 3000, 4000]);
    expect(capped[2]!.returned).toBeUndefined();
    expect(all[3]!.returned).toEqual({ fromMs: 2500, untilMs: 2900, box }); // the input is left as it was
    // One that survives with its predecessor keeps it.
    expect(capStates(all, 5)[2]!.returned).toEqual({ fromMs: 1500, untilMs: 1900, box });
  });

  it('merges the least significant steps beyond the cap, keeping step 0 and the final state', () => {
    const sizes = [40, 10, 60, 20, 80, 30, 50];
    const frame = (t: number) => {
      const img = page();
      sizes.forEach((s, i) => {
        if (t >= 500 + i * 500) rect(img, 10 + i * 44, 100, 40, s, 20);
      });
      return img;
    };
    const all = detect(frame, { durationMs: 4500 });
    expect(all).toHaveLength(8);
    const capped = detect(frame, { durationMs: 4500, maxStates: 4 });
    expect(capped).toHaveLength(4);
    expect(capped[0]!.timestampMs).toBe(0);
    expect(capped.at(-1)!.timestampMs).toBe(all.at(-1)!.timestampMs);
    // Absorbed changes add their score to the step that carries them.
    const total = (s: typeof all) => s.slice(1).reduce((a, x) => a + x.score, 0);
    expect(total(capped)).toBeCloseTo(total(all), 6);
    // The survivors are the largest changes (60 and 80 tall) plus the final state.
    expect(capped.map((s) => s.timestampMs)).toContain(all[3]!.timestampMs);
    expect(capped.map((s) => s.timestampMs)).toContain(all[5]!.timestampMs);
  });

  it('says from which frame on each state showed, and which frames may still show a step', () => {
    // A toast, a typed character (held back as a tiny change for a second), candidates, the stream's end.
    const frame = (t: number) => {
      const img = withPointer(page(), t);
      if (t >= 1000 && t < 3000) rect(img, 150, 140, 150, 30, 60);
      if (t >= 3300) glyph(img, 184, 64);
      return img;
    };
    const state = (t: number) => (t < 1000 ? 0 : t < 3000 ? 1 : t < 3300 ? 2 : 3);
    const det = new ChangeDetector({ width: W, height: H, candidatesMs: [500, 4000, 4950] });
    const kept = new Set<number>();
    let seen = 0;
    // Every frame that may still show a step is kept: each step finds one of its frames among them.
    const check = (steps: readonly { timestampMs: number; fromMs: number }[]) => {
      for (const s of steps) {
        expect(s.fromMs).toBeLessThanOrEqual(s.timestampMs);
        expect(state(s.fromMs), `step at ${s.timestampMs} from ${s.fromMs}`).toBe(state(s.timestampMs));
        expect([...kept].some((t) => t >= s.fromMs && t <= s.timestampMs), `step at ${s.timestampMs}`).toBe(true);
      }
    };
    for (let t = 0; t <= 5000; t += 100) {
      det.push(frame(t), t);
      kept.add(t);
      check(det.found.slice(seen));
      seen = det.found.length;
      const from = det.keepFromMs();
      for (const k of kept) if (k < from) kept.delete(k);
      // At most: a tiny change held back for transientMs (1 s), then a quiet stretch settling.
      expect(kept.size).toBeLessThanOrEqual(14);
    }
    const steps = det.finish();
    check(steps.slice(seen));
    expect(steps.length).toBeGreaterThanOrEqual(4);
    // States answering an event start after it.
    for (const s of steps) for (const c of s.candidatesMs) if (s.timestampMs > 0) expect(s.fromMs).toBeGreaterThanOrEqual(c);
  });

  it('lets a state stand in for its step from its last changing frame on', () => {
    const steps = detect((t) => (t >= 1500 ? rect(page(), 150, 140, 150, 30, 60) : page()), { durationMs: 4000, fps: 10, noise: 0 });
    expect(steps).toHaveLength(2);
    expect(steps[1]!.fromMs).toBe(1500);
    expect(steps[1]!.timestampMs).toBe(1800);
  });

  it('rejects frames of the wrong size and timestamps that go back', () => {
    const det = new ChangeDetector({ width: W, height: H });
    expect(() => det.push(new Uint8Array(10), 0)).toThrow(RangeError);
    det.push(page(), 100);
    expect(() => det.push(page(), 100)).toThrow(RangeError);
  });
});
