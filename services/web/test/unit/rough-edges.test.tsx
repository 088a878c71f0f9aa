// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { StatusResponse } from '@claude-scope/contracts';
import { LaneProgress } from '../../src/components/LaneProgress';
import { ThemeToggle } from '../../src/components/ThemeToggle';
import { THEME_KEY, initTheme, setTheme } from '../../src/lib/theme';
import { captureErrorMessage } from '../../src/pages/new/capture-error';
import { FileDrop } from '../../src/pages/new/FileDrop';
import { navigate, useLeaveGuard } from '../../src/router/router';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('LaneProgress after a failure', () => {
  it('says a lane the failed session left behind was stopped or not run, not "Running 0 %"', () => {
    const status: StatusResponse = {
      sessionId: 'sess_ABC12345',
      sessionStatus: 'error',
      processingTime: 900,
      lastError: 'recording could not be decoded',
      processingStatus: {
        overallStage: 'error',
        lastUpdated: '2026-01-01T00:00:00.000Z',
        videoLane: { status: 'error', progress: 10, error: 'recording could not be decoded' },
        playwrightLane: { status: 'running', progress: 0 },
        visionLane: { status: 'pending', progress: 0 },
        synthesis: { status: 'pending', progress: 0 },
      },
    };
    render(<LaneProgress status={status} />);
    expect(screen.getByText('Stopped')).toBeTruthy();
    expect(screen.getAllByText('Not run')).toHaveLength(2); // the vision lane and synthesis
    expect(screen.queryByText('Running')).toBeNull();
    expect(screen.queryByText('0%')).toBeNull();
    expect(screen.getAllByText('—')).toHaveLength(3);
  });
});

describe('captureErrorMessage', () => {
  const err = (name: string, message = 'raw') => Object.assign(new Error(message), { name });
  it('turns the browser raw errors into what to do, and stays quiet when the user cancels', () => {
    expect(captureErrorMessage(err('NotAllowedError'))).toBeNull();
    expect(captureErrorMessage(err('NotReadableError', 'Could not start video source'))).toMatch(/screen-recording permission/);
    expect(captureErrorMessage(err('NotReadableError', 'Could not start video source'))).not.toContain('Could not start video source');
    expect(captureErrorMessage(err('NotFoundError'))).toMatch(/no screen/);
    expect(captureErrorMessage(err('TypeError'))).toMatch(/https:\/\/ or localhost/);
    expect(captureErrorMessage(err('WeirdError', 'boom'))).toBe('Screen recording could not start (boom). Try again, or upload a file instead.');
  });
});

describe('FileDrop', () => {
  it('opens the file picker on Enter, like a button', () => {
    render(<FileDrop value={null} onChange={() => {}} />);
    const input = document.getElementById('recording-file') as HTMLInputElement;
    const click = vi.spyOn(input, 'click').mockImplementation(() => {});
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(click).toHaveBeenCalledOnce();
    fireEvent.keyDown(input, { key: 'a' });
    expect(click).toHaveBeenCalledOnce();
  });
});

describe('theme', () => {
  beforeEach(() => localStorage.clear());

  it('follows the system until chosen, then keeps the choice', () => {
    let dark = true;
    const listeners: (() => void)[] = [];
    vi.stubGlobal('matchMedia', () => ({ get matches() { return dark; }, addEventListener: (_: string, l: () => void) => listeners.push(l) }));
    initTheme();
    expect(document.documentElement.dataset.theme).toBe('dark');
    dark = false;
    listeners.forEach((l) => l());
    expect(document.documentElement.dataset.theme).toBe('light');

    render(<ThemeToggle />);
    fireEvent.click(screen.getByRole('button', { name: 'Theme: System. Switch to Light' }));
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
    fireEvent.click(screen.getByRole('button', { name: 'Theme: Light. Switch to Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    dark = true;
    listeners.forEach((l) => l());
    dark = false;
    listeners.forEach((l) => l());
    expect(document.documentElement.dataset.theme).toBe('dark'); // a choice outranks the system
    act(() => setTheme('system'));
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});

describe('useLeaveGuard', () => {
  function Dirty({ dirty }: { dirty: boolean }) {
    useLeaveGuard(dirty, 'Leave without saving?');
    return null;
  }

  it('asks before an in-app navigation while dirty, and stays when the user says no', () => {
    window.history.replaceState(null, '', '/settings');
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const { rerender } = render(<Dirty dirty />);
    navigate('/sessions');
    expect(confirm).toHaveBeenCalledWith('Leave without saving?');
    expect(window.location.pathname).toBe('/settings');
    confirm.mockReturnValue(true);
    navigate('/sessions');
    expect(window.location.pathname).toBe('/sessions');

    window.history.replaceState(null, '', '/settings');
    rerender(<Dirty dirty={false} />);
    confirm.mockClear();
    navigate('/');
    expect(confirm).not.toHaveBeenCalled();
    expect(window.location.pathname).toBe('/');
  });
});
