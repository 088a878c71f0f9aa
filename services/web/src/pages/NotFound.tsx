import { EmptyState } from '../components/EmptyState';
import { Link } from '../router/router';
import { useDocumentTitle } from '../lib/use-document-title';

export function NotFound() {
  useDocumentTitle('Not found');
  return (
    <>
      <h1 className="page__title">Page not found</h1>
      <EmptyState
        title="There is nothing at this address."
        action={
          <Link to="/" className="btn btn--primary">
            Go to the dashboard
          </Link>
        }
      />
    </>
  );
}
