import { useEffect, useSyncExternalStore } from 'react';
import { authStore } from './api/auth-store';
import { Layout } from './components/Layout';
import { ToastProvider } from './components/Toasts';
import { matchPath, navigate, useLocation } from './router/router';
import { AuthPage } from './pages/auth/AuthPage';
import { Dashboard } from './pages/dashboard/Dashboard';
import { NewRecording } from './pages/new/NewRecording';
import { NotFound } from './pages/NotFound';
import { SessionDetail } from './pages/session/SessionDetail';
import { SessionsList } from './pages/sessions/SessionsList';
import { SettingsPage } from './pages/settings/SettingsPage';

const PUBLIC = ['/signin', '/signup'];

function Page({ pathname }: { pathname: string }) {
  if (pathname === '/') return <Dashboard />;
  if (pathname === '/new') return <NewRecording />;
  if (pathname === '/sessions') return <SessionsList />;
  if (pathname === '/settings') return <SettingsPage />;
  const session = matchPath('/sessions/:id', pathname);
  if (session) return <SessionDetail key={session.id} id={session.id!} />;
  return <NotFound />;
}

export function App() {
  const auth = useSyncExternalStore(authStore.subscribe, authStore.get);
  const { pathname, search } = useLocation();
  const isPublic = PUBLIC.includes(pathname);

  useEffect(() => {
    // Signed out (or a 401 cleared the token): back to sign-in, remembering where the user was.
    if (!auth && !isPublic) {
      const query = new URLSearchParams();
      if (authStore.lastReason === 'expired') query.set('expired', '1');
      if (pathname !== '/') query.set('from', pathname);
      const qs = query.toString();
      navigate(qs ? `/signin?${qs}` : '/signin', { replace: true });
    }
    if (auth && isPublic) navigate(safeReturn(search.get('from')), { replace: true });
  }, [auth, isPublic, pathname, search]);

  return (
    <ToastProvider>
      {isPublic ? (
        <AuthPage mode={pathname === '/signup' ? 'signup' : 'signin'} />
      ) : auth ? (
        <Layout>
          <Page pathname={pathname} />
        </Layout>
      ) : null}
    </ToastProvider>
  );
}

/** Only same-app paths: `?from=` must never send the user to another site. */
function safeReturn(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}
