import { useState, type FormEvent } from 'react';
import type { AuthResponse } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { authStore } from '../../api/auth-store';
import { errorMessage } from '../../api/errors';
import { Logo } from '../../components/Layout';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Link, useLocation } from '../../router/router';
import { useDocumentTitle } from '../../lib/use-document-title';
import './auth.css';

/** Sign-in and sign-up share one form; sign-up adds a name and a password rule. */
export function AuthPage({ mode }: { mode: 'signin' | 'signup' }) {
  const signup = mode === 'signup';
  useDocumentTitle(signup ? 'Create account' : 'Sign in');
  const { search } = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keep = search.get('from') ? `?from=${encodeURIComponent(search.get('from')!)}` : '';

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      ...(signup ? { name: String(form.get('name')).trim() } : {}),
      email: String(form.get('email')).trim(),
      password: String(form.get('password')),
    };
    setBusy(true);
    setError(null);
    try {
      // App sees the stored session and leaves the public page.
      authStore.set(await api<AuthResponse>(signup ? '/auth/signup' : '/auth/login', { method: 'POST', body }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <main className="auth" id="main">
      <div className="auth__card">
        <div className="auth__brand">
          <Logo />
          <span>Claude Scope</span>
        </div>
        <h1 className="auth__title">{signup ? 'Create your account' : 'Sign in'}</h1>
        <p className="auth__lead">Turn a screen recording of a browser session into a prompt your coding agent can act on.</p>
        {search.get('expired') && !error && (
          <div className="notice notice--info" role="status">
            Your session has expired. Sign in again to continue.
          </div>
        )}
        {error && <ErrorNotice message={error} />}
        <form className="stack" onSubmit={submit} aria-label={signup ? 'Create account' : 'Sign in'}>
          {signup && (
            <div className="field">
              <label htmlFor="name">Name</label>
              <input id="name" name="name" autoComplete="name" required maxLength={255} />
            </div>
          )}
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" required maxLength={320} />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete={signup ? 'new-password' : 'current-password'}
              required
              minLength={signup ? 8 : 1}
              maxLength={128}
              aria-describedby={signup ? 'password-hint' : undefined}
            />
            {signup && (
              <p className="field__hint" id="password-hint">
                At least 8 characters.
              </p>
            )}
          </div>
          <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
            {busy ? (signup ? 'Creating account…' : 'Signing in…') : signup ? 'Create account' : 'Sign in'}
          </button>
        </form>
        <p className="auth__switch">
          {signup ? 'Already have an account? ' : 'New to Claude Scope? '}
          <Link to={`${signup ? '/signin' : '/signup'}${keep}`}>{signup ? 'Sign in' : 'Create an account'}</Link>
        </p>
      </div>
    </main>
  );
}
