import type { Session, SessionStats } from '@claude-scope/contracts';
import { authStore } from '../../api/auth-store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { SessionTable } from '../../components/SessionTable';
import { formatMs, formatSpan } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { Link } from '../../router/router';
import './dashboard.css';

const RECENT = 5;

export function Dashboard() {
  useDocumentTitle('Dashboard');
  const stats = useApi<SessionStats>('/sessions/stats');
  // Only what is shown: the five sessions the API lists first (most recently updated).
  const sessions = useApi<Session[]>(`/sessions?limit=${RECENT}`);
  const recent = sessions.data ?? [];
  const name = authStore.get()?.user.name;
  // "Welcome back" only for someone who has been here before: an account with no session yet is new.
  const greeting = !name ? 'Your recordings at a glance.' : stats.data?.totalSessions === 0 ? `Welcome, ${name}.` : stats.data ? `Welcome back, ${name}.` : '\u00a0';

  return (
    <>
      <div className="page__head">
        <div>
          <h1 className="page__title">Dashboard</h1>
          <p className="page__lead">{greeting}</p>
        </div>
        <Link to="/new" className="btn btn--primary">
          New recording
        </Link>
      </div>

      <section aria-labelledby="stats-heading" className="section">
        <h2 id="stats-heading" className="visually-hidden">
          Statistics
        </h2>
        {stats.error ? (
          <ErrorNotice message={stats.error} />
        ) : (
          <dl className="stats" aria-busy={stats.loading && !stats.data}>
            <Stat label="Total sessions" value={stats.data ? String(stats.data.totalSessions) : '—'} />
            <Stat label="Completed" value={stats.data ? String(stats.data.completedSessions) : '—'} />
            <Stat label="Total duration" value={stats.data ? formatSpan(stats.data.totalDuration) : '—'} hint="of completed recordings" />
            <Stat label="Avg. processing time" value={stats.data?.completedSessions ? formatMs(stats.data.avgProcessingTime) : '—'} hint="per completed session" />
          </dl>
        )}
      </section>

      <section aria-labelledby="recent-heading" className="card section">
        <div className="card__head">
          <h2 id="recent-heading" className="card__title">
            Recent sessions
          </h2>
          <Link to="/sessions">View all</Link>
        </div>
        {sessions.error ? (
          <ErrorNotice message={sessions.error} action={<button className="btn btn--sm" onClick={sessions.reload}>Retry</button>} />
        ) : !sessions.data ? (
          <Loading label="Loading recent sessions…" />
        ) : recent.length === 0 ? (
          <EmptyState
            title="No sessions yet"
            action={
              <Link to="/new" className="btn btn--primary">
                Upload your first recording
              </Link>
            }
          >
            Upload or record a browser session and Claude Scope turns it into an agent-ready prompt.
          </EmptyState>
        ) : (
          <SessionTable sessions={recent} caption="Your five most recently updated sessions" />
        )}
      </section>
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
      {hint && <dd className="stat__hint">{hint}</dd>}
    </div>
  );
}
