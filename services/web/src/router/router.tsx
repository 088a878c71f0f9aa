import { useEffect, useSyncExternalStore, type ComponentPropsWithRef, type MouseEvent } from 'react';

/** A tiny history-API router: the app has seven pages, a library would be most of the bundle's logic. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Pages with unsaved changes; each asks the user and answers whether leaving is fine. */
const leaveGuards = new Set<() => boolean>();

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  for (const mayLeave of leaveGuards) if (!mayLeave()) return;
  window.history[opts.replace ? 'replaceState' : 'pushState'](null, '', to);
  listeners.forEach((l) => l());
}

/** The current path and query; re-renders on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

/** Matches `/sessions/:id` style patterns; returns the params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

type LinkProps = Omit<ComponentPropsWithRef<'a'>, 'href'> & { to: string };

/** An anchor that navigates in place, but still opens in a new tab with a modifier key. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/**
 * While `when` holds, leaving the page asks first: in-app links and navigate() (confirm), back/forward
 * (confirm, and the URL is put back when the user stays), reload and closing the tab (the browser's own
 * prompt).
 */
export function useLeaveGuard(when: boolean, message: string): void {
  useEffect(() => {
    if (!when) return;
    const here = snapshot();
    const mayLeave = () => window.confirm(message);
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers need it set to show their prompt
    };
    // Capture runs before the router's own popstate listener, so a refused Back never renders the next page.
    const onPop = (e: PopStateEvent) => {
      if (snapshot() === here || mayLeave()) return;
      e.stopImmediatePropagation();
      window.history.pushState(null, '', here);
    };
    leaveGuards.add(mayLeave);
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('popstate', onPop, { capture: true });
    return () => {
      leaveGuards.delete(mayLeave);
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('popstate', onPop, { capture: true });
    };
  }, [when, message]);
}
