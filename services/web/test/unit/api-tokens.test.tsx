// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ApiToken } from '@claude-scope/contracts';
import { authStore } from '../../src/api/auth-store';
import { ToastProvider } from '../../src/components/Toasts';
import { ApiTokens } from '../../src/pages/settings/ApiTokens';

const json = (status: number, body: unknown) =>
  status === 204 ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const laptop: ApiToken = { id: 'tok_AAAAAAAAAAAA', name: 'Laptop CLI', scopes: ['read'], createdAt: '2026-03-01T10:00:00.000Z', expiresAt: null, lastUsedAt: null };
const old: ApiToken = { id: 'tok_BBBBBBBBBBBB', name: 'Old CI', scopes: ['read', 'write'], createdAt: '2025-01-01T10:00:00.000Z', expiresAt: '2025-02-01T10:00:00.000Z', lastUsedAt: '2025-01-20T08:30:00.000Z' };
const SECRET = `cs_pat_${'x1Y2z3'.repeat(7)}A`;

type Call = { method: string; url: string; body: unknown };

/** A fetch answering the tokens routes from a list, recording every call. */
function stubApi(initial: ApiToken[], onPost?: (body: Record<string, unknown>) => Response) {
  let tokens = [...initial];
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, body });
      if (method === 'GET' && url === '/api/tokens') return json(200, tokens);
      if (method === 'POST' && url === '/api/tokens') {
        if (onPost) return onPost(body);
        const created = { id: 'tok_NEWNEWNEWNEW', name: body.name, scopes: body.scopes, createdAt: '2026-04-01T09:00:00.000Z', expiresAt: null, lastUsedAt: null, token: SECRET };
        tokens = [...tokens, { ...created, token: undefined } as unknown as ApiToken];
        return json(201, created);
      }
      const m = /^\/api\/tokens\/(tok_\w+)$/.exec(url);
      if (method === 'DELETE' && m) {
        tokens = tokens.filter((t) => t.id !== m[1]);
        return json(204, null);
      }
      return json(404, { statusCode: 404, error: 'Not Found', message: 'Not found' });
    }),
  );
  return calls;
}

const renderTokens = () =>
  render(
    <ToastProvider>
      <ApiTokens />
    </ToastProvider>,
  );

beforeEach(() => {
  localStorage.clear();
  authStore.set({ accessToken: 'jwt-1', user: { id: 'usr_ABCDEFGHIJKL', name: 'Ada', email: 'ada@example.com', avatarUrl: null, createdAt: '2026-01-01T00:00:00.000Z' } });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings → API tokens', () => {
  it('lists tokens with scopes, dates, expiry and last use', async () => {
    stubApi([laptop, old]);
    renderTokens();
    const table = await screen.findByRole('table', { name: 'API tokens' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('Laptop CLI');
    expect(rows[1]!.textContent).toContain('read');
    expect(within(rows[1]!).getAllByText('Never')).toHaveLength(2); // expires, last used
    expect(rows[2]!.textContent).toContain('read, write');
    expect(within(rows[2]!).getByText('Expired')).toBeTruthy();
    expect(rows[2]!.textContent).toMatch(/Jan 20, 2025/);
  });

  it('says so when there are none', async () => {
    stubApi([]);
    renderTokens();
    expect(await screen.findByText('No API tokens yet.')).toBeTruthy();
  });

  it('creates a token with name, scopes and expiry, and shows its secret once in a copy dialog', async () => {
    const calls = stubApi([laptop]);
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderTokens();
    await screen.findByRole('table', { name: 'API tokens' });

    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: '  Cursor agent ' } });
    fireEvent.click(screen.getByLabelText('Write'));
    fireEvent.change(screen.getByLabelText('Expires after'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const dialog = await screen.findByRole('dialog', { name: 'Copy your new token' });
    expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', url: '/api/tokens', body: { name: 'Cursor agent', scopes: ['read', 'write'], expiresInDays: 30 } });
    expect((within(dialog).getByLabelText('New API token') as HTMLInputElement).value).toBe(SECRET);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(SECRET));
    expect(await within(dialog).findByText('Copied to the clipboard.')).toBeTruthy();
    // The new token is listed (without its secret); closing the dialog forgets the secret.
    expect(within(screen.getByRole('table', { name: 'API tokens' })).getByText('Cursor agent')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(document.body.innerHTML).not.toContain(SECRET));
    expect((screen.getByLabelText('Token name') as HTMLInputElement).value).toBe('');
  });

  it('sends no expiry for "Never", and checks name and scopes before sending', async () => {
    const calls = stubApi([]);
    renderTokens();
    await screen.findByText('No API tokens yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/name/);
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: 'CI' } });
    fireEvent.click(screen.getByLabelText('Read'));
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/at least one scope/);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.click(screen.getByLabelText('Write'));
    fireEvent.change(screen.getByLabelText('Expires after'), { target: { value: 'never' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    await screen.findByRole('dialog', { name: 'Copy your new token' });
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'CI', scopes: ['write'] });
  });

  it("shows the API's message when creation is refused", async () => {
    stubApi([], () => json(400, { statusCode: 400, error: 'Bad Request', message: 'name must NOT have more than 100 characters' }));
    renderTokens();
    await screen.findByText('No API tokens yet.');
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: 'n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toContain('name must NOT have more than 100 characters');
    expect(screen.queryByRole('dialog', { name: 'Copy your new token' })).toBeNull();
  });

  it('revokes a token only after confirmation', async () => {
    const calls = stubApi([laptop, old]);
    renderTokens();
    await screen.findByRole('table', { name: 'API tokens' });

    fireEvent.click(screen.getByRole('button', { name: 'Revoke Laptop CLI' }));
    let confirm = await screen.findByRole('dialog', { name: 'Revoke this token?' });
    expect(confirm.textContent).toContain('Laptop CLI');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke Laptop CLI' }));
    confirm = await screen.findByRole('dialog', { name: 'Revoke this token?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(screen.queryByText('Laptop CLI', { selector: 'td' })).toBeNull());
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([{ method: 'DELETE', url: '/api/tokens/tok_AAAAAAAAAAAA', body: undefined }]);
    expect(screen.getByText('Old CI')).toBeTruthy();
  });
});
