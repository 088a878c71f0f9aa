import { useEffect, useRef, type ReactNode } from 'react';
import { authStore } from '../api/auth-store';
import { Link, navigate, useLocation } from '../router/router';
import { ThemeToggle } from './ThemeToggle';
import './layout.css';

const NAV = [
  { to: '/', label: 'Dashboard' },
  { to: '/sessions', label: 'Sessions' },
  { to: '/new', label: 'New recording' },
  { to: '/settings', label: 'Settings' },
];

const isCurrent = (to: string, pathname: string) => (to === '/' ? pathname === '/' : pathname.startsWith(to));

/** The signed-in frame: banner with navigation, one main landmark, focus moved to it on navigation. */
export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const user = authStore.get()?.user;
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // After a client-side navigation, start reading at the new page, as a full load would.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  const signOut = () => {
    authStore.clear();
    navigate('/signin');
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand">
            <Logo />
            <span>Claude Scope</span>
          </Link>
          <nav aria-label="Main" className="nav">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} className="nav__link" aria-current={isCurrent(item.to, pathname) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account">
            <ThemeToggle />
            {user && (
              <span className="account__name" title={user.email}>
                {user.name}
              </span>
            )}
            <button type="button" className="btn btn--ghost btn--sm" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="page">
        {children}
      </main>
    </div>
  );
}

export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <circle cx="14" cy="14" r="7" fill="none" stroke="#fff" strokeWidth="3" />
      <path d="M19 19l6 6" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
