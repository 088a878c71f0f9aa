// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Frame, SessionStep } from '@claude-scope/contracts';
import { FrameZoom } from '../../src/pages/session/FrameZoom';
import { StepProblems } from '../../src/pages/session/StepProblems';
import { TimeTrack } from '../../src/pages/session/TimeTrack';
import type { Steps } from '../../src/pages/session/use-steps';

afterEach(cleanup);

const frame = (i: number, timestamp: number): Frame => ({
  id: `frm_${String(i).padStart(8, '0')}`,
  sessionId: 'sess_ABC12345',
  timestamp,
  url: 'http://shop.test/cart',
  thumbnailUrl: 'data:image/png;base64,',
  diffSummary: { added: i, changed: 0, removed: 0 },
  ariaTree: [],
  description: '',
  action: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const step = (frameId: string, patch: Partial<SessionStep> = {}): SessionStep => ({
  index: 1,
  frameId,
  timestamp: 0,
  url: 'http://shop.test/cart',
  pageTitle: null,
  action: null,
  changes: [],
  failure: null,
  consoleErrors: [],
  failedRequests: [],
  regions: [],
  ...patch,
});
const frames = [frame(0, 0), frame(1, 2000), frame(2, 9000)];
const byId = new Map([
  [frames[1]!.id, step(frames[1]!.id, { action: 'click button "Pay"', changes: ['dialog "Payment failed" appeared', 'button "Pay" disabled'] })],
  [frames[2]!.id, step(frames[2]!.id, { consoleErrors: ['TypeError: x is undefined'], failedRequests: [{ method: 'POST', url: 'http://shop.test/api/pay', status: 502 }] })],
]);
const steps: Steps = { of: (f) => byId.get(f.id), loading: false, error: null };

function Harness() {
  const [selected, setSelected] = useState(0);
  return <TimeTrack frames={frames} duration={10} steps={steps} selected={selected} onSelect={setSelected} />;
}

describe('TimeTrack', () => {
  it('places frames on the time axis and words each step', () => {
    const { container } = render(<Harness />);
    const lefts = [...container.querySelectorAll<HTMLElement>('.track__marker')].map((m) => m.style.left);
    expect(lefts).toEqual(['0%', '20%', '90%']);
    const options = screen.getAllByRole('option');
    expect(options[1]!.getAttribute('aria-label')).toBe('Frame 2 of 3 at 0:02.0: click button "Pay". dialog "Payment failed" appeared (+1 more).');
    expect(options[2]!.getAttribute('aria-label')).toMatch(/1 console error, 1 failed request\.$/);
    expect(container.querySelectorAll('.track__marker--problem')).toHaveLength(1);
  });

  it('is one Tab stop; arrows, Home and End move the selection and the focus', () => {
    render(<Harness />);
    const list = screen.getByRole('listbox', { name: 'Frames' });
    const options = () => screen.getAllByRole('option');
    const tabStops = () => options().filter((o) => o.getAttribute('tabindex') === '0');
    expect(tabStops()).toEqual([options()[0]]);
    fireEvent.keyDown(list, { key: 'End' });
    expect(options()[2]!.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(options()[2]);
    fireEvent.keyDown(list, { key: 'ArrowRight' }); // at the end: stays
    expect(options()[2]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(list, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(options()[1]);
    fireEvent.keyDown(list, { key: 'Home' });
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    expect(tabStops()).toEqual([options()[0]]);
  });
});

describe('FrameZoom', () => {
  it('zooms by button and by keyboard, within its levels', () => {
    render(<FrameZoom src="data:image/png;base64," alt="Screenshot of frame 1" />);
    // The picture and its outlines are zoomed together, as one canvas.
    const img = screen.getByRole('img', { name: 'Screenshot of frame 1' }).parentElement!;
    const viewer = screen.getByRole('group', { name: /^Screenshot of frame 1, zoom 100 %/ });
    expect(img.style.width).toBe('100%');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(img.style.width).toBe('150%');
    fireEvent.keyDown(viewer, { key: '+' });
    fireEvent.keyDown(viewer, { key: '+' });
    fireEvent.keyDown(viewer, { key: '+' });
    fireEvent.keyDown(viewer, { key: '+' }); // past the last level: stays
    expect(img.style.width).toBe('400%');
    fireEvent.keyDown(viewer, { key: '-' });
    expect(img.style.width).toBe('300%');
    fireEvent.keyDown(viewer, { key: '0' });
    expect(img.style.width).toBe('100%');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out' })); // at fit: stays
    expect(img.style.width).toBe('100%');
  });
});

describe('FrameZoom changed regions', () => {
  it('outlines each changed part of the picture at its share of the frame, and says what the outlines are', () => {
    const { container } = render(
      <FrameZoom src="data:image/png;base64," alt="Screenshot of frame 2" regions={[{ x: 0.5, y: 0.25, w: 0.1, h: 0.05 }, { x: 0, y: 0, w: 1, h: 0.1 }]} />,
    );
    const boxes = [...container.querySelectorAll<HTMLElement>('.zoom__region')];
    expect(boxes.map((b) => [b.style.left, b.style.top, b.style.width, b.style.height])).toEqual([
      ['50%', '25%', '10%', '5%'],
      ['0%', '0%', '100%', '10%'],
    ]);
    expect(boxes.every((b) => b.getAttribute('aria-hidden') === 'true')).toBe(true);
    expect(screen.getByText(/the 2 parts of the picture that changed since the previous frame/)).toBeTruthy();
  });

  it('draws nothing and says nothing without regions', () => {
    const { container } = render(<FrameZoom src="data:image/png;base64," alt="Screenshot of frame 1" />);
    expect(container.querySelectorAll('.zoom__region')).toHaveLength(0);
    expect(screen.queryByText(/Outlined/)).toBeNull();
  });
});

describe('StepProblems', () => {
  it("lists the step's console errors and failed requests, or says there are none, or why it cannot tell", () => {
    const { rerender } = render(<StepProblems step={byId.get(frames[2]!.id)} steps={steps} />);
    expect(screen.getByRole('list', { name: 'Console errors' }).textContent).toBe('TypeError: x is undefined');
    expect(screen.getByRole('list', { name: 'Failed requests' }).textContent).toBe('POST http://shop.test/api/pay 502');
    rerender(<StepProblems step={byId.get(frames[1]!.id)} steps={steps} />);
    screen.getByText('No console errors or failed requests at this step.');
    rerender(<StepProblems step={undefined} steps={{ ...steps, error: 'This session has no stored analysis.' }} />);
    screen.getByText('Not available: This session has no stored analysis.');
  });
});
