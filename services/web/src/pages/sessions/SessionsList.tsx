import { useEffect, useState } from 'react';
import type { Session } from '@claude-scope/contracts';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { SessionTable } from '../../components/SessionTable';
import { useApi } from '../../lib/use-api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { Link, navigate, useLocation } from '../../router/router';
import { applyClientFilters, DATE_RANGES, filtersToQuery, readFilters, type Filters } from './filters';
import './sessions.css';

/** Most accounts have far fewer; the page asks for the API's maximum in one go. */
const LIMIT = 500;

/** Every session, filterable by title, status and date. Filters live in the URL so back/forward keep them. */
export function SessionsList() {
  useDocumentTitle('Sessions');
  const { search } = useLocation();
  const filters = readFilters(search);
  const [q, setQ] = useState(filters.q);
  // Back/forward changes the URL under the search box: follow it (React's "adjust state on prop change").
  const [urlQ, setUrlQ] = useState(filters.q);
  if (urlQ !== filters.q) {
    setUrlQ(filters.q);
    setQ(filters.q);
  }

  // Typing updates the URL (and so the request) after a pause, not on every key.
  useEffect(() => {
    if (q === filters.q) return;
    const t = setTimeout(() => update({ q }), 250);
    return () => clearTimeout(t);
  }, [q, filters.q]);

  const update = (patch: Partial<Filters>) => navigate(`/sessions${filtersToQuery({ ...filters, ...patch })}`, { replace: true });

  const query = new URLSearchParams({ limit: String(LIMIT) });
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (filters.status) query.set('status', filters.status);
  const { data, error, loading, reload } = useApi<Session[]>(`/sessions?${query}`);
  const rows = data ? applyClientFilters(data, filters.range) : [];
  const filtered = Boolean(filters.q || filters.status || filters.range !== 'any');

  return (
    <>
      <div className="page__head">
        <div>
          <h1 className="page__title">Sessions</h1>
          <p className="page__lead">Every recording you analyzed, newest first.</p>
        </div>
        <Link to="/new" className="btn btn--primary">
          New recording
        </Link>
      </div>

      <div role="search" className="filters" aria-label="Filter sessions">
        <div className="field filters__search">
          <label htmlFor="filter-q">Search titles</label>
          <input id="filter-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="e.g. checkout" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={filters.status} onChange={(e) => update({ status: e.target.value as Filters['status'] })}>
            <option value="">All statuses</option>
            <option value="complete">Complete</option>
            <option value="processing">Processing</option>
            <option value="error">Error</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-range">Created</label>
          <select id="filter-range" value={filters.range} onChange={(e) => update({ range: e.target.value as Filters['range'] })}>
            {DATE_RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <section className="card section" aria-labelledby="results-heading" aria-busy={loading}>
        <div className="card__head">
          <h2 id="results-heading" className="card__title">
            {data ? `${rows.length} ${rows.length === 1 ? 'session' : 'sessions'}` : 'Sessions'}
          </h2>
          {loading && data && <span className="muted small">Updating…</span>}
        </div>
        {error ? (
          <ErrorNotice message={error} action={<button className="btn btn--sm" onClick={reload}>Retry</button>} />
        ) : !data ? (
          <Loading label="Loading sessions…" lines={4} />
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No sessions match these filters"
              action={
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setQ('');
                    navigate('/sessions', { replace: true });
                  }}
                >
                  Clear filters
                </button>
              }
            />
          ) : (
            <EmptyState
              title="No sessions yet"
              action={
                <Link to="/new" className="btn btn--primary">
                  Upload your first recording
                </Link>
              }
            >
              Upload or record a browser session and it shows up here.
            </EmptyState>
          )
        ) : (
          <SessionTable sessions={rows} caption="Sessions matching the filters" />
        )}
      </section>
    </>
  );
}
