import { useState, type FormEvent } from 'react';
import type { CreateTokenBody, CreatedApiToken, TokenScope } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Expiry choices, in days; null: never. The API allows 1–365 days or none. */
export const EXPIRY_CHOICES: { days: number | null; label: string }[] = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: null, label: 'Never' },
];

const SCOPES: { scope: TokenScope; label: string; hint: string }[] = [
  { scope: 'read', label: 'Read', hint: 'List and read sessions, frames, prompts and settings.' },
  { scope: 'write', label: 'Write', hint: 'Also upload recordings, change and delete sessions and settings.' },
];

/** Name, scopes and expiry of a new token; POST /tokens, then hands the one-time secret up. */
export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [days, setDays] = useState<number | null>(90);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (scope: TokenScope, on: boolean) =>
    setScopes((prev) => (on ? SCOPES.map((s) => s.scope).filter((s) => s === scope || prev.includes(s)) : prev.filter((s) => s !== scope)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Give the token a name, e.g. where it is used.');
    if (!scopes.length) return setError('Choose at least one scope.');
    const body: CreateTokenBody = { name: name.trim(), scopes, ...(days === null ? {} : { expiresInDays: days }) };
    setBusy(true);
    setError(null);
    try {
      onCreated(await api<CreatedApiToken>('/tokens', { method: 'POST', body }));
      setName('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="tokens__form" onSubmit={submit} aria-label="Create an API token" noValidate>
      {error && <ErrorNotice title="The token was not created" message={error} />}
      <div className="settings__row">
        <div className="field">
          <label htmlFor="tokenName">Token name</label>
          <input id="tokenName" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="Laptop CLI" aria-describedby="tokenName-hint" />
          <p className="field__hint" id="tokenName-hint">
            Where it is used, so you know what to revoke.
          </p>
        </div>
        <div className="field">
          <label htmlFor="tokenExpiry">Expires after</label>
          <select id="tokenExpiry" value={days ?? 'never'} onChange={(e) => setDays(e.target.value === 'never' ? null : Number(e.target.value))}>
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.label} value={c.days ?? 'never'}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="settings__toggles">
        <legend>Scopes</legend>
        {SCOPES.map((s) => (
          <div key={s.scope} className="check">
            <input id={`scope-${s.scope}`} type="checkbox" checked={scopes.includes(s.scope)} onChange={(e) => toggle(s.scope, e.target.checked)} aria-describedby={`scope-${s.scope}-hint`} />
            <div>
              <label htmlFor={`scope-${s.scope}`}>{s.label}</label>
              <p className="field__hint" id={`scope-${s.scope}-hint`}>
                {s.hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
