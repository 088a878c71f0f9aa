import { useEffect, useRef, useState } from 'react';
import type { Session, SessionStats } from '@claude-scope/contracts';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { SessionTable } from '../../components/SessionTable';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePagedApi } from '../../lib/use-paged-api';
import { Link, navigate, useLocation } from '../../router/router';
import { BulkDelete } from './BulkDelete';
import { applyClientFilters, DATE_RANGES, filtersToQuery, readFilters, type Filters } from './filters';
import { nextSort, readSort, setSortParams, type Sort } from './sort';
import './sessions.css';

/** Sessions per request; "Load more" follows the API's rel="next" link for the next page. */
const PAGE_SIZE = 50;

const count = (n: number) => plural(n, 'session');

/**
 * How many sessions the filters match in all, where the API says so: the list has no total, but the stats
 * count every session and the complete ones. Null for a title search or a date range (no count exists).
 */
function knownTotal(stats: SessionStats | undefined, filters: Filters): number | null {
  if (!stats || filters.q.trim() || filters.range !== 'any') return null;
  if (!filters.status) return stats.totalSessions;
  return filters.status === 'complete' ? stats.completedSessions : null;
}

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

  // The sort lives in the URL beside the filters, so a sorted list survives reload and back/forward.
  const sort = readSort(search);
  const urlFor = (f: Filters, s: Sort | null) => {
    const params = new URLSearchParams(filtersToQuery(f));
    setSortParams(params, s, false);
    const qs = params.toString();
    return `/sessions${qs ? `?${qs}` : ''}`;
  };
  const update = (patch: Partial<Filters>) => navigate(urlFor({ ...filters, ...patch }, sort), { replace: true });
  const onSort = (key: Sort['key']) => navigate(urlFor(filters, nextSort(sort, key)), { replace: true });

  // q, status and the sort go to the API (it sorts the whole list, so every next page continues the order), and a
  // change starts again from the first page; the date range filters what is loaded.
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (filters.status) query.set('status', filters.status);
  setSortParams(query, sort, true);
  const firstPage = `/sessions?${query}`;
  const { items: data, error, loading, reload, hasMore, loadMore, loadingMore, moreError, remove } = usePagedApi<Session>(firstPage);
  const stats = useApi<SessionStats>('/sessions/stats');
  const total = knownTotal(stats.data, filters);
  const rows = data ? applyClientFilters(data, filters.range) : [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const chosen = rows.filter((r) => selected.has(r.id));
  const filtered = Boolean(filters.q || filters.status || filters.range !== 'any');
  // While the first page of other filters loads, the old rows stay but their next link is not offered.
  const canLoadMore = Boolean(data) && hasMore && !loading && !error;

  // After "Load more": say what arrived, and if the button went away under the keyboard, move to the first new row.
  const section = useRef<HTMLElement>(null);
  const pending = useRef<{ loaded: number; shown: number; focused: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const onLoadMore = () => {
    if (!data || loadingMore) return;
    pending.current = { loaded: data.length, shown: rows.length, focused: document.activeElement?.id === 'load-more' };
    setAnnouncement('Loading more sessions…');
    loadMore();
  };
  useEffect(() => {
    const p = pending.current;
    if (!p || loadingMore || !data) return;
    pending.current = null;
    if (moreError) {
      setAnnouncement(''); // the error notice is an alert of its own
      return;
    }
    const added = data.length - p.loaded;
    setAnnouncement(`Loaded ${added} more ${added === 1 ? 'session' : 'sessions'}.${hasMore ? '' : ' All sessions are shown.'}`);
    if (!hasMore && p.focused) {
      const links = section.current?.querySelectorAll<HTMLElement>('tbody tr td.table__title a');
      (links?.[p.shown] ?? section.current?.querySelector<HTMLElement>('#results-heading'))?.focus();
    }
  }, [data, loadingMore, moreError, hasMore]);
  // A new query is a new list: nothing to announce about the old one.
  useEffect(() => {
    pending.current = null;
    setAnnouncement('');
    setSelected(new Set());
  }, [firstPage]);

  const onDeleted = (ids: ReadonlySet<string>) => {
    remove(ids);
    setSelected((prev) => new Set([...prev].filter((id) => !ids.has(id))));
    stats.reload();
    section.current?.querySelector<HTMLElement>('#results-heading')?.focus();
  };

  return (
    <>
      <div className="page__head">
        <div>
          <h1 className="page__title">Sessions</h1>
          <p className="page__lead">Every recording you analyzed, most recently updated first unless you sort by a column.</p>
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

      <section ref={section} className="card section" aria-labelledby="results-heading" aria-busy={loading}>
        <div className="card__head">
          {/* A total only once every page is loaded; before that, what is shown. */}
          <h2 id="results-heading" className="card__title" tabIndex={-1}>
            {!data ? 'Sessions' : !hasMore ? count(rows.length) : total !== null ? `${rows.length} of ${count(total)}` : `${count(rows.length)} shown`}
          </h2>
          {loading && data && <span className="muted small">Updating…</span>}
        </div>
        {error ? (
          <ErrorNotice message={error} action={<button className="btn btn--sm" onClick={reload}>Retry</button>} />
        ) : !data ? (
          <Loading label="Loading sessions…" lines={4} />
        ) : rows.length === 0 && hasMore ? (
          <p className="muted">None of the {count(data.length)} loaded so far match these filters. Load more to look further.</p>
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
                    navigate(urlFor({ q: '', status: '', range: 'any' }, sort), { replace: true });
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
          <>
            <BulkDelete sessions={chosen} onDeleted={onDeleted} onClear={() => setSelected(new Set())} />
            <SessionTable
              sessions={rows}
              caption="Sessions matching the filters"
              sort={{ current: sort, onSort }}
              thumbnails
              selection={{
                selected,
                onToggle: (id, on) =>
                  setSelected((prev) => {
                    const next = new Set(prev);
                    if (on) next.add(id);
                    else next.delete(id);
                    return next;
                  }),
                onToggleAll: (on) => setSelected(on ? new Set(rows.map((r) => r.id)) : new Set()),
              }}
            />
          </>
        )}
        {canLoadMore && (
          <div className="load-more">
            {moreError && <ErrorNotice title="Could not load more sessions" message={moreError} />}
            <div className="load-more__row">
              {/* aria-disabled, not disabled: the button keeps keyboard focus while the page loads. */}
              <button
                id="load-more"
                type="button"
                className="btn"
                onClick={onLoadMore}
                aria-disabled={loadingMore}
                aria-describedby="load-more-note"
              >
                {loadingMore && <span className="spinner" aria-hidden="true" />}
                {loadingMore ? 'Loading more…' : moreError ? 'Retry' : 'Load more'}
              </button>
              <span id="load-more-note" className="muted small">
                {count(data?.length ?? 0)} loaded so far
              </span>
            </div>
          </div>
        )}
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      </section>
    </>
  );
}
