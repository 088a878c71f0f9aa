import { useState } from 'react';
import type { ApiToken, CreatedApiToken } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useToast } from '../../components/Toasts';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { CreateTokenForm } from './CreateTokenForm';
import { NewTokenDialog } from './NewTokenDialog';

const isExpired = (t: ApiToken, now = Date.now()) => t.expiresAt !== null && Date.parse(t.expiresAt) <= now;

/** Settings → API tokens: create (the secret shown once), list, revoke after confirmation. */
export function ApiTokens() {
  const tokens = useApi<ApiToken[]>('/tokens');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const onCreated = (token: CreatedApiToken) => {
    const { token: _secret, ...listed } = token;
    tokens.setData((prev) => [...(prev ?? []), listed]);
    setCreated(token);
  };

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await api(`/tokens/${revoking.id}`, { method: 'DELETE' });
      tokens.setData((prev) => (prev ?? []).filter((t) => t.id !== revoking.id));
      toast.success(`Revoked “${revoking.name}”. Anything using it is signed out now.`);
    } catch (err) {
      toast.error(`Could not revoke the token: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  return (
    <section className="card settings section tokens" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" className="card__title">
        API tokens
      </h2>
      <p className="field__hint tokens__lead">
        For the command line, scripts and coding agents (MCP): send one as <code>Authorization: Bearer …</code>. Tokens cannot create or
        revoke tokens; that takes signing in here.
      </p>
      <CreateTokenForm onCreated={onCreated} />
      <h3 className="subhead tokens__listhead">Your tokens</h3>
      {tokens.error ? (
        <ErrorNotice message={tokens.error} action={<button className="btn btn--sm" onClick={tokens.reload}>Retry</button>} />
      ) : !tokens.data ? (
        <Loading label="Loading tokens…" lines={2} />
      ) : tokens.data.length === 0 ? (
        <p className="field__hint">No API tokens yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="API tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id}>
                  <td className="table__title">{t.name}</td>
                  <td>{t.scopes.join(', ')}</td>
                  <td>{formatDate(t.createdAt)}</td>
                  <td>{t.expiresAt === null ? 'Never' : isExpired(t) ? <span className="badge badge--error">Expired</span> : formatDate(t.expiresAt)}</td>
                  <td>{t.lastUsedAt === null ? 'Never' : formatDate(t.lastUsedAt)}</td>
                  <td>
                    <button type="button" className="btn btn--danger-ghost btn--sm" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewTokenDialog token={created} onClose={() => setCreated(null)} />
      <ConfirmDialog open={revoking !== null} title="Revoke this token?" confirmLabel="Revoke token" busy={busy} busyLabel="Revoking…" onConfirm={revoke} onCancel={() => setRevoking(null)}>
        <p>Anything using “{revoking?.name}” stops working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
