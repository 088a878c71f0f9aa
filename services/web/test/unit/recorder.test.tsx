// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ScreenRecorder } from '../../src/pages/new/ScreenRecorder';

/** Just enough of MediaRecorder: a chunk on stop, then onstop. */
class FakeRecorder {
  static isTypeSupported = (t: string) => t === 'video/webm;codecs=vp8';
  state = 'inactive';
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  constructor(readonly stream: unknown, readonly options: { mimeType?: string }) {}
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob(['webm-bytes'], { type: 'video/webm' }) });
    this.onstop?.();
  }
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('ScreenRecorder', () => {
  it("stops by itself at the account's maximum length and reports the duration", async () => {
    vi.useFakeTimers();
    const track = { stop: vi.fn(), addEventListener: vi.fn() };
    const stream = { getTracks: () => [track], getVideoTracks: () => [track] };
    vi.stubGlobal('MediaRecorder', FakeRecorder);
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getDisplayMedia: vi.fn(async () => stream) } });
    const onChange = vi.fn();
    render(<ScreenRecorder maxMinutes={5} value={null} onChange={onChange} />);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    });
    expect(screen.getByRole('timer', { name: 'Recording time' }).textContent).toContain('/ 5:00');
    await act(async () => {
      vi.advanceTimersByTime(5 * 60_000 + 500);
    });
    expect(track.stop).toHaveBeenCalled();
    const last = onChange.mock.calls.at(-1)![0];
    expect(last).toMatchObject({ source: 'screen', durationMs: 300_000, size: 10 });
    expect(last.name).toMatch(/^recording-[\d-]+\.webm$/);
  });
});
