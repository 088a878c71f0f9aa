import type { Session } from '@claude-scope/contracts';
import { formatClock, formatDate } from '../lib/format';
import { Link } from '../router/router';
import { StatusBadge } from './StatusBadge';

/** Sessions as a table: title (link), status, duration, frame count, created. */
export function SessionTable({ sessions, caption }: { sessions: readonly Session[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Frames
            </th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td className="table__title">
                <Link to={`/sessions/${s.id}`}>{s.title}</Link>
              </td>
              <td>
                <StatusBadge status={s.status} />
              </td>
              <td className="num">{s.status === 'complete' || s.duration > 0 ? formatClock(s.duration) : '—'}</td>
              <td className="num">{s.status === 'complete' || s.frameCount > 0 ? s.frameCount : '—'}</td>
              <td>
                <time dateTime={s.createdAt}>{formatDate(s.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
