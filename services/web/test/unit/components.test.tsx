// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AriaNode, Session, StatusResponse } from '@claude-scope/contracts';
import { AUTH_KEY, authStore } from '../../src/api/auth-store';
import { api, apiPage } from '../../src/api/client';
import { LaneProgress } from '../../src/components/LaneProgress';
import { Tabs } from '../../src/components/Tabs';
import { ToastProvider } from '../../src/components/Toasts';
import { FileDrop } from '../../src/pages/new/FileDrop';
import { AriaTree } from '../../src/pages/session/AriaTree';
import { TitleEditor } from '../../src/pages/session/TitleEditor';

const session = { id: 'sess_ABC12345', title: 'Checkout bug' } as Session;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  localStorage.clear();
  authStore.set({ accessToken: 'token-1', user: { id: 'usr_ABCDEFGHIJKL', name: 'Ada', email: 'ada@example.com', avatarUrl: null, createdAt: '2026-01-01T00:00:00.000Z' } });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('TitleEditor', () => {
  const renderEditor = (onSaved = vi.fn()) => {
    render(
      <ToastProvider>
        <TitleEditor session={session} onSaved={onSaved} />
      </ToastProvider>,
    );
    return onSaved;
  };

  it('saves on Enter with PATCH and the bearer token', async () => {
    const fetch = vi.fn(async () => json(200, { ...session, title: 'Pay button bug' }));
    vi.stubGlobal('fetch', fetch);
    const onSaved = renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    const input = screen.getByLabelText('Session title');
    fireEvent.change(input, { target: { value: 'Pay button bug' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('heading', { name: 'Pay button bug' })).toBeTruthy();
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ title: 'Pay button bug' })));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/sessions/sess_ABC12345');
    expect(init).toMatchObject({ method: 'PATCH', body: JSON.stringify({ title: 'Pay button bug' }), headers: { authorization: 'Bearer token-1' } });
  });

  it('reverts and shows an error toast when the API refuses', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(400, { statusCode: 400, error: 'Bad Request', message: 'title must NOT have more than 500 characters' })));
    renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    const input = screen.getByLabelText('Session title');
    fireEvent.change(input, { target: { value: 'x'.repeat(20) } });
    fireEvent.blur(input);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('title must NOT have more than 500 characters');
    expect(screen.getByRole('heading', { name: 'Checkout bug' })).toBeTruthy();
  });

  it('cancels on Escape without a request', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    const input = screen.getByLabelText('Session title');
    fireEvent.change(input, { target: { value: 'Something else' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.getByRole('heading', { name: 'Checkout bug' })).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('api client', () => {
  it('clears the stored session on a 401', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' })));
    await expect(api('/sessions')).rejects.toMatchObject({ status: 401, message: 'Unauthorized' });
    expect(localStorage.getItem(AUTH_KEY)).toBeNull();
    expect(authStore.get()).toBeNull();
    expect(authStore.lastReason).toBe('expired');
  });

  it('reads the rel="next" link and follows it through the same client (token, 401)', async () => {
    const page = (body: unknown, link?: string) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...(link ? { link } : {}) } });
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(page([{ id: 'a' }], '</api/sessions?limit=1&cursor=c1>; rel="next"'))
      .mockResolvedValueOnce(page([{ id: 'b' }], `<${location.origin}/api/sessions?limit=1&cursor=c2>; rel="next"`))
      .mockResolvedValueOnce(page([{ id: 'c' }]))
      .mockResolvedValueOnce(json(401, { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' }));
    vi.stubGlobal('fetch', fetch);
    const first = await apiPage<{ id: string }[]>('/sessions?limit=1');
    expect(first).toEqual({ data: [{ id: 'a' }], next: '/sessions?limit=1&cursor=c1' });
    const second = await apiPage<{ id: string }[]>(first.next!);
    expect(second.next).toBe('/sessions?limit=1&cursor=c2'); // absolute, same origin
    expect(await apiPage('/sessions?limit=1&cursor=c2')).toEqual({ data: [{ id: 'c' }], next: null });
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map(([url]) => url)).toEqual(['/api/sessions?limit=1', '/api/sessions?limit=1&cursor=c1', '/api/sessions?limit=1&cursor=c2']);
    for (const [, init] of calls) expect(init.headers).toMatchObject({ authorization: 'Bearer token-1' });
    await expect(apiPage('/sessions?limit=1&cursor=c3')).rejects.toMatchObject({ status: 401 });
    expect(authStore.get()).toBeNull();
  });

  it('does not send the token to a next link on another server', async () => {
    const fetch = vi.fn(async () => new Response('[]', { status: 200, headers: { link: '<https://elsewhere.example/api/sessions?cursor=x>; rel="next"' } }));
    vi.stubGlobal('fetch', fetch);
    const first = await apiPage<unknown[]>('/sessions?limit=1');
    expect(first.next).toBe('https://elsewhere.example/api/sessions?cursor=x');
    await expect(apiPage(first.next!)).rejects.toThrow(/outside this app's API/);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('Tabs', () => {
  it('moves the selection with arrow keys, Home and End', () => {
    const tabs = [
      { id: 'a', label: 'Alpha' },
      { id: 'b', label: 'Beta' },
      { id: 'c', label: 'Gamma' },
    ] as const;
    const onSelect = vi.fn();
    render(
      <Tabs label="Agent" idPrefix="t" tabs={tabs} selected="a" onSelect={onSelect}>
        panel
      </Tabs>,
    );
    const list = screen.getByRole('tablist', { name: 'Agent' });
    expect(screen.getByRole('tab', { name: 'Alpha' }).getAttribute('tabindex')).toBe('0');
    expect(screen.getByRole('tab', { name: 'Beta' }).getAttribute('tabindex')).toBe('-1');
    fireEvent.keyDown(list, { key: 'ArrowRight' });
    fireEvent.keyDown(list, { key: 'ArrowLeft' });
    fireEvent.keyDown(list, { key: 'End' });
    expect(onSelect.mock.calls.map((c) => c[0])).toEqual(['b', 'c', 'c']);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('t-tab-a');
  });
});

describe('LaneProgress', () => {
  it('shows each lane with status, progress and detail', () => {
    const status: StatusResponse = {
      sessionId: 'sess_ABC12345',
      sessionStatus: 'processing',
      processingTime: 4200,
      lastError: null,
      processingStatus: {
        overallStage: 'analyzing',
        lastUpdated: '2026-01-01T00:00:00.000Z',
        videoLane: { status: 'complete', progress: 100, detail: '12 frames' },
        playwrightLane: { status: 'running', progress: 50, detail: '2/4 URLs' },
        visionLane: { status: 'pending', progress: 0 },
        synthesis: { status: 'pending', progress: 0 },
      },
    };
    render(<LaneProgress status={status} />);
    expect(screen.getByRole('progressbar', { name: 'Video lane progress' }).getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByRole('progressbar', { name: 'Playwright lane progress' }).getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByText('2/4 URLs')).toBeTruthy();
    expect(screen.getByText('Analyzing')).toBeTruthy();
    expect(screen.getByText('4.2 s')).toBeTruthy();
  });

  it('has the same shape before the first status arrives', () => {
    render(<LaneProgress status={null} />);
    expect(screen.getAllByRole('progressbar')).toHaveLength(4);
    expect(screen.getByText('Queued')).toBeTruthy();
  });
});

describe('AriaTree', () => {
  const tree: AriaNode[] = [
    { role: 'main', name: '', children: [{ role: 'heading', name: 'Dashboard', diffStatus: 'added', level: 1 }, { role: 'button', name: 'Save' }] },
    { role: 'form', name: 'Sign in', diffStatus: 'removed', children: [{ role: 'textbox', name: 'Email', diffStatus: 'removed' }] },
  ];

  it('marks changes in words and filters to them', () => {
    render(<AriaTree tree={tree} frameLabel="frame 2" />);
    const region = screen.getByRole('region', { name: 'ARIA tree of frame 2' });
    expect(region.querySelectorAll('.node--added')).toHaveLength(1);
    expect(region.querySelectorAll('.node--removed')).toHaveLength(2);
    expect(region.textContent).toContain('level=1');
    expect(region.textContent).toContain('Save');
    fireEvent.click(screen.getByLabelText('Only changes'));
    expect(region.textContent).not.toContain('Save');
    expect(region.textContent).toContain('Dashboard');
    expect(region.textContent).toContain('Email');
  });
});

describe('FileDrop', () => {
  it('refuses a file over 100 MB before sending, and takes a WebM', async () => {
    const onChange = vi.fn();
    render(<FileDrop value={null} onChange={onChange} />);
    const input = document.getElementById('recording-file') as HTMLInputElement;
    const big = new File(['x'], 'huge.webm', { type: 'video/webm' });
    Object.defineProperty(big, 'size', { value: 101 * 1024 * 1024 });
    await act(async () => {
      fireEvent.change(input, { target: { files: [big] } });
    });
    expect(screen.getByRole('alert').textContent).toMatch(/over the 100 MB limit/);
    expect(onChange).toHaveBeenLastCalledWith(null);

    const ok = new File(['webm'], 'clip.webm', { type: 'video/webm' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [ok] } });
    });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'clip.webm', source: 'file', size: 4 }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
