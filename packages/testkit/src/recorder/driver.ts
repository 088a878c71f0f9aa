import type { Page } from 'playwright-core';
import type { StepKind } from '../truth.js';
import { bezier, easeInOut, type Point } from './cursor.js';
import type { Recorder } from './recorder.js';
import { between } from './rng.js';

/** What page-runtime.js exposes to the recorder. */
interface PageRuntime {
  __cs: { shownNames(el: unknown): string[] };
}

/** An element found the way the Playwright lane finds it: ARIA role + accessible name. */
export interface Target {
  role: Parameters<Page['getByRole']>[0];
  name: string;
}

/**
 * What a scenario can do. Every method spends virtual time (at least one frame) and records what it
 * did: timeline events for the user actions, labels for the UI changes they cause.
 */
export class Driver {
  constructor(
    private readonly page: Page,
    private readonly rec: Recorder,
    readonly origin: string,
    private readonly rng: () => number,
  ) {}

  /** Virtual ms since the recording started. */
  get time(): number {
    return this.rec.time;
  }

  /** Types a URL into the address bar, in effect. */
  async goto(path: string): Promise<void> {
    const url = this.origin + path;
    this.rec.event({ type: 'navigate', url });
    this.rec.label('navigate');
    this.rec.expectOwnNavigation();
    await this.page.goto(url, { waitUntil: 'load' });
    await this.rec.settle();
    await this.rec.advance(0);
  }

  /** Nothing moves. */
  async wait(ms: number): Promise<void> {
    await this.rec.advance(ms);
  }

  /** The pointer drifts around without clicking: only the cursor changes on screen. */
  async wander(ms: number): Promise<void> {
    const end = this.time + ms;
    const { cssWidth, cssHeight } = this.rec.geometry;
    while (end - this.time > 100) {
      const to = { x: between(this.rng, 80, cssWidth - 80), y: between(this.rng, 80, cssHeight - 80) };
      await this.glide(to, Math.min(end - this.time, between(this.rng, 500, 1100)));
      const rest = Math.min(end - this.time, between(this.rng, 0, 350));
      if (rest > 0) await this.rec.advance(rest);
    }
    if (end > this.time) await this.rec.advance(end - this.time);
  }

  /** Moves the pointer to the element in small steps along a slightly curved path. */
  async moveTo(target: Target): Promise<Point> {
    const box = await this.page.getByRole(target.role, { name: target.name, exact: true }).boundingBox({ timeout: 2000 });
    const { cssWidth, cssHeight } = this.rec.geometry;
    if (!box || box.y < 0 || box.y + box.height > cssHeight || box.x + box.width > cssWidth) {
      throw new Error(`${target.role} "${target.name}" is not visible in the viewport`);
    }
    const to = {
      x: box.x + box.width * between(this.rng, 0.35, 0.65),
      y: box.y + box.height * between(this.rng, 0.35, 0.65),
    };
    const dist = Math.hypot(to.x - this.rec.cursor.x, to.y - this.rec.cursor.y);
    await this.glide(to, Math.min(900, 250 + dist * 0.7));
    return to;
  }

  private async glide(to: Point, ms: number): Promise<void> {
    const from = { ...this.rec.cursor };
    const bend = between(this.rng, -0.2, 0.2);
    const control = { x: (from.x + to.x) / 2 - (to.y - from.y) * bend, y: (from.y + to.y) / 2 + (to.x - from.x) * bend };
    await this.rec.advance(ms, (p) => {
      this.rec.cursor = bezier(from, control, to, easeInOut(p));
    });
  }

  /** Moves to the element, hesitates briefly, clicks. `kind` names the UI change the click causes. */
  async click(target: Target, kind: StepKind = 'click'): Promise<void> {
    await this.moveTo(target);
    await this.rec.advance(between(this.rng, 80, 220));
    await this.clickHere(target, kind);
  }

  /** Clicks where the pointer already is (on `target`), e.g. the second and third click on a stepper. */
  async clickHere(target: Target, kind: StepKind = 'click'): Promise<void> {
    this.rec.shown[target.name] ??= await this.page.getByRole(target.role, { name: target.name, exact: true }).evaluate((el) => (globalThis as unknown as PageRuntime).__cs.shownNames(el));
    await this.page.mouse.move(this.rec.cursor.x, this.rec.cursor.y);
    await this.page.mouse.down();
    await this.page.mouse.up();
    this.rec.event({ type: 'click', role: target.role, name: target.name });
    this.rec.label(kind, target.name);
    await this.rec.settle();
    await this.rec.advance(0);
  }

  /** Nothing moves for a human-ish, seeded while in [minMs, maxMs] (e.g. 210–290 ms between burst states). */
  async pause(minMs: number, maxMs: number): Promise<void> {
    await this.rec.advance(between(this.rng, minMs, maxMs));
  }

  /**
   * Clicks into a text field and types `text` one character at a time (the truth makes the run one step).
   * With `replace`, the current value is selected first and typed over.
   */
  async fill(target: Target, text: string, options: { replace?: boolean } = {}): Promise<void> {
    await this.click(target);
    await this.rec.advance(between(this.rng, 250, 450));
    if (options.replace) {
      await this.page.keyboard.press('ControlOrMeta+A');
      this.rec.label('select', target.name); // the selection highlight, a state of its own; the first character replaces it
      await this.rec.advance(between(this.rng, 300, 450));
    }
    let typedAt = this.time;
    for (const ch of text) {
      typedAt = this.time;
      await this.page.keyboard.type(ch);
      this.rec.label('type', target.name);
      await this.rec.settle();
      await this.rec.advance(between(this.rng, 60, 150)); // 60–150 ms a character, as people type
    }
    const value = await this.page.getByRole(target.role, { name: target.name, exact: true }).inputValue();
    // One fill per field, stamped when the last character was typed: what a replay needs.
    this.rec.event({ type: 'fill', role: target.role, name: target.name, value }, typedAt);
  }

  /** A key press, e.g. Enter to submit or Escape to dismiss. */
  async press(key: string, kind: StepKind = 'press'): Promise<void> {
    await this.page.keyboard.press(key);
    this.rec.event({ type: 'press', key });
    this.rec.label(kind, key);
    await this.rec.settle();
    await this.rec.advance(0);
  }

  /** Scrolls the page by `dy` CSS pixels over a few frames, like a wheel flick. */
  async scroll(dy: number, ms = 450): Promise<void> {
    this.rec.event({ type: 'scroll', dy });
    this.rec.label('scroll');
    let done = 0;
    await this.rec.advance(ms, async (p) => {
      const step = Math.round(dy * easeInOut(p)) - done;
      done += step;
      if (step) {
        await this.rec.evaluate(`window.scrollBy(0, ${step})`);
        this.rec.touch();
      }
    });
  }
}
