import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import type { AiNode, AriaCapture } from '../aria-truth.js';
import type { TimelineAction, TimelineEvent } from '../timeline.js';
import type { FrameRecord, Label, StepKind } from '../truth.js';
import type { BrowserChrome } from './chrome.js';
import { composeFrame, layerKey, type Hover, type Point, type PointerLayer, type PointerShape } from './cursor.js';
import type { Encoder } from './encoder.js';
import { decodePng, type RgbImage } from './png.js';

/** What page-runtime.js reports after a tick or drain. */
interface PageState {
  docId: string;
  url: string;
  dirty: boolean;
  labels: { kind: string; at: number }[];
  nav: { url: string; at: number } | null;
  via: { url: string; at: number } | null;
  scrollX: number;
  scrollY: number;
  title: string;
  pointer: { shape: PointerShape; hover: Hover | null } | null;
  caret: PointerLayer['caret'];
  /** The visible short texts, when the page changed since the last report. */
  texts: string[] | null;
}

export interface FrameGeometry {
  fps: number;
  /** Output size in pixels. */
  width: number;
  height: number;
  /** Page viewport in CSS pixels; output = (viewport + chrome) × scale. */
  cssWidth: number;
  cssHeight: number;
  scale: number;
  /** CSS pixels of browser window chrome drawn above the page (0: the page alone). */
  chromeHeight: number;
}

/**
 * The frame loop. Time is virtual: frame i is at round(i·1000/fps) ms, and before capturing it the
 * recorder advances the page's clock to exactly that time. Actions happen between frames, at the
 * time of the last captured frame, so their effect shows in the next one. Every frame is written to
 * ffmpeg, which stamps it i/fps: video time and page time are the same thing.
 */
export class Recorder {
  readonly frames: FrameRecord[] = [];
  readonly timeline: TimelineEvent[] = [];
  /** The page's accessibility tree at every frame whose pixels changed (ground truth of each step's ARIA changes). */
  readonly ariaCaptures: AriaCapture[] = [];
  /** The texts on screen that name each element acted on (see Truth.shown). */
  readonly shown: Record<string, string[]> = {};
  /** Pointer position in CSS pixels (drawn into the frame, not into the page). */
  cursor: Point;
  /** Frames whose pixels changed although nothing announced a change (only seen on forced captures). */
  missedChanges = 0;
  /** What the viewer sees minus the pointer layer: the chrome (if any) above the page. Ground truth compares this. */
  private content: RgbImage | null = null;
  private page: RgbImage | null = null;
  private contentPng = '';
  private drawn = '';
  /** The last encoded frame; reused as is while neither the page nor the cursor changes. */
  private out: Buffer | null = null;
  private pending: Label[] = [];
  /** The page's visible short texts as last reported (ground truth of what appeared). */
  private texts: readonly string[] = [];
  private dirty = true;
  private docId = '';
  private ignoreVia = false;

  constructor(
    private readonly cdp: CDPSession,
    private readonly encoder: Encoder,
    readonly geometry: FrameGeometry,
    cursor: Point,
    /** Screenshot every frame and fail if change tracking missed one (slow; for tests). */
    private readonly verify = false,
    /** The browser window around the page, or null for a recording of the page alone. */
    private readonly chrome: BrowserChrome | null = null,
    /** The URL as the address bar shows it (the app's real origin is a random port). */
    private readonly displayUrl: (url: string) => string = (u) => u,
    /** The page's accessibility tree now (`ariaSnapshotJSON({ mode: 'ai' })`); none: no ARIA truth. */
    private readonly ariaTree: (() => Promise<AiNode[]>) | null = null,
    /** Whether the capture draws the pointer's sprite (a browser's tab capture draws none). */
    private readonly drawPointer = true,
  ) {
    this.cursor = cursor;
  }

  /** Virtual time of the last captured frame: "now" for actions. */
  get time(): number {
    return this.frames.at(-1)?.t ?? 0;
  }

  private frameTime(i: number): number {
    return Math.round((i * 1000) / this.geometry.fps);
  }

  /** Announces why the next change will happen. */
  label(kind: StepKind, target?: string): void {
    this.pending.push(target ? { kind, target } : { kind });
    this.dirty = true;
  }

  /** The page may look different now (the recorder did something to it). */
  touch(): void {
    this.dirty = true;
  }

  /** Appends a timeline event at `t` (default: now), keeping t non-decreasing. */
  event(action: TimelineAction, t = this.time): void {
    const last = this.timeline.at(-1)?.t ?? 0;
    this.timeline.push({ t: Math.max(last, Math.round(t)), ...action } as TimelineEvent);
  }

  /** The next document comes from a navigation the caller records itself (page.goto). */
  expectOwnNavigation(): void {
    this.ignoreVia = true;
  }

  async evaluate<T>(expression: string): Promise<T | null> {
    try {
      const r = await this.cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) {
        const text = r.exceptionDetails.exception?.description ?? r.exceptionDetails.text;
        if (/__cs|context|navigat/i.test(text)) return null; // a document without the runtime, or one going away
        throw new Error(`page error: ${text}`);
      }
      return (r.result.value as T) ?? null;
    } catch (err) {
      if (/context|navigat|Target closed|No target/i.test(String(err))) return null;
      throw err;
    }
  }

  /** After an input action: picks up what it caused, following a navigation if it started one. */
  async settle(): Promise<void> {
    await this.absorb(await this.evaluate<PageState>('window.__cs.drain()'), this.time);
  }

  private async absorb(state: PageState | null, target: number): Promise<PageState> {
    for (let hops = 0; hops < 10; hops++) {
      if (state) {
        if (state.via && !this.ignoreVia) {
          this.event({ type: 'navigate', url: state.via.url }, state.via.at);
          this.label('navigate');
        }
        if (state.via || state.docId !== this.docId) this.ignoreVia = false;
        for (const l of state.labels) this.label(l.kind as StepKind);
        if (state.dirty) this.dirty = true;
        if (state.texts) this.texts = state.texts;
        this.docId = state.docId;
        if (!state.nav) return state;
      }
      // The page is navigating: wait for the next document, then bring its clock up to `target`.
      await this.waitForNewDocument(this.docId);
      this.dirty = true;
      state = await this.evaluate<PageState>(this.tickExpression(target));
    }
    throw new Error('too many navigations in one frame');
  }

  private async waitForNewDocument(oldDocId: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const doc = await this.evaluate<{ docId: string; ready: string }>(
        'window.__cs && window.__cs.peek()',
      );
      if (doc && doc.docId !== oldDocId && doc.ready === 'complete') return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('navigation did not finish loading within 15 s');
  }

  /** Captures the next frame: advance the page clock to its time, screenshot if needed, encode. */
  async captureFrame(): Promise<void> {
    const i = this.frames.length;
    const t = this.frameTime(i);
    const state = await this.absorb(await this.evaluate<PageState>(this.tickExpression(t)), t);
    const flagged = this.dirty || i === 0;
    const chromeChanged = this.chrome ? await this.chrome.update(state.title, this.displayUrl(state.url)) : false;
    // Once a second, capture anyway: a change the tracking missed still shows up (and is counted).
    const forced = this.verify || i % Math.round(this.geometry.fps) === 0;
    let changed = i === 0;
    if (flagged || forced) {
      const before = this.contentPng;
      const img = await this.capturePage(state);
      // Chromium sometimes re-rasterizes a tile a level or two differently; that is not a new UI
      // state, so such frames keep the previous content (the video stays identical too).
      if (img && (!this.page || differs(img.data, this.page.data))) {
        changed = true;
        this.page = img;
        if (!flagged && process.env.TESTKIT_DEBUG_DIR) dumpMiss(process.env.TESTKIT_DEBUG_DIR, i, before, this.contentPng);
      }
      if (changed && !flagged && i > 0) {
        if (this.verify) throw new Error(`frame ${i} (${t} ms) changed but change tracking did not notice`);
        this.missedChanges++;
      }
    }
    this.dirty = false;
    if (chromeChanged) changed = true;
    if (changed || !this.content) this.content = this.compose();
    const placement = { scale: this.geometry.scale, top: Math.round(this.geometry.chromeHeight * this.geometry.scale) };
    const layer: PointerLayer = { x: this.cursor.x, y: this.cursor.y, shape: this.drawPointer ? (state.pointer?.shape ?? 'arrow') : null, hover: state.pointer?.hover ?? null, caret: state.caret };
    const key = layerKey(layer, placement);
    const cursorMoved = !!this.drawn && key !== this.drawn;
    this.drawn = key;
    if (!this.out || changed || cursorMoved) {
      // A fresh buffer per distinct frame: the encoder may still hold the previous one.
      this.out = Buffer.allocUnsafe(this.content.data.length);
      composeFrame(this.content, this.out, layer, placement);
    }
    await this.encoder.write(this.out);
    // Virtual time stands still while the tree is read, so it is the tree of exactly this frame.
    if (changed && this.ariaTree) this.ariaCaptures.push({ t, docId: state.docId, tree: await this.ariaTree() });
    this.frames.push({ t, changed, cursorMoved, url: state.url, labels: this.pending.splice(0), texts: this.texts });
  }

  private tickExpression(t: number): string {
    return `window.__cs.tick(${t}, ${this.cursor.x.toFixed(2)}, ${this.cursor.y.toFixed(2)})`;
  }

  /** The chrome's rows above the page's rows: both are full-width rgb24, so that is a concatenation. */
  private compose(): RgbImage {
    const page = this.page!;
    const top = this.chrome?.image;
    if (!top) return page;
    return { width: page.width, height: top.height + page.height, data: Buffer.concat([top.data, page.data]) };
  }

  /**
   * The page as it looks now, or null if identical to the last capture. A new look is captured again
   * until two captures agree: right after a change Chromium may still be finishing raster work, and a
   * half-rendered frame would make the truth depend on machine speed.
   */
  private async capturePage(state: PageState): Promise<RgbImage | null> {
    let png = await this.screenshot(state);
    if (png === this.contentPng) return null;
    let img = this.decode(png);
    for (let tries = 0; tries < 5; tries++) {
      const again = await this.screenshot(state);
      if (again === png) break;
      const next = this.decode(again);
      const settled = !differs(next.data, img.data);
      png = again;
      img = next;
      if (settled) break;
    }
    this.contentPng = png;
    return img;
  }

  private decode(png: string): RgbImage {
    const img = decodePng(Buffer.from(png, 'base64'));
    const height = this.geometry.height - Math.round(this.geometry.chromeHeight * this.geometry.scale);
    if (img.width !== this.geometry.width || img.height !== height) {
      throw new Error(`screenshot is ${img.width}×${img.height}, expected ${this.geometry.width}×${height}`);
    }
    return img;
  }

  private async screenshot(state: PageState): Promise<string> {
    const { cssWidth, cssHeight, scale } = this.geometry;
    // The clip is in document coordinates, so it follows the scroll position.
    const shot = await this.cdp.send('Page.captureScreenshot', {
      format: 'png',
      optimizeForSpeed: true,
      clip: { x: state.scrollX, y: state.scrollY, width: cssWidth, height: cssHeight, scale },
    });
    return shot.data;
  }

  /**
   * Captures every frame up to `ms` from now (at least one), calling `beforeFrame` with the frame's
   * progress in [0, 1] first, e.g. to move the cursor along a path.
   */
  async advance(ms: number, beforeFrame?: (progress: number) => void | Promise<void>): Promise<void> {
    const start = this.time;
    const end = Math.max(start + ms, this.frameTime(this.frames.length));
    while (this.frameTime(this.frames.length) <= end) {
      const t = this.frameTime(this.frames.length);
      if (beforeFrame) await beforeFrame(ms > 0 ? Math.min(1, (t - start) / ms) : 1);
      await this.captureFrame();
    }
  }
}

/** Saves the two frames around an unannounced change, to see what the change tracking missed. */
function dumpMiss(dir: string, i: number, before: string, after: string): void {
  writeFileSync(`${dir}/missed-${i}-before.png`, Buffer.from(before, 'base64'));
  writeFileSync(`${dir}/missed-${i}-after.png`, Buffer.from(after, 'base64'));
}

/** Largest per-channel difference that still counts as "the same pixels" (raster noise is ±2). */
const NOISE = 12;

function differs(a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return false;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d > NOISE || d < -NOISE) return true;
  }
  return false;
}
