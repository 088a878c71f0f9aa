/** The demo app's URL space, shared by the server, the scenarios and tests. */
export interface DemoPage {
  path: string;
  file: string;
  title: string;
  /** Pages shown before sign-in have no navigation or account menu. */
  bare?: boolean;
}

export const DEMO_PAGES: readonly DemoPage[] = [
  { path: '/login', file: 'login.html', title: 'Sign in', bare: true },
  { path: '/dashboard', file: 'dashboard.html', title: 'Dashboard' },
  { path: '/tasks', file: 'tasks.html', title: 'Tasks' },
  { path: '/settings', file: 'settings.html', title: 'Settings' },
  { path: '/reports', file: 'reports.html', title: 'Reports' },
  { path: '/order', file: 'order.html', title: 'New order' },
  { path: '/inbox', file: 'inbox.html', title: 'Inbox' },
];

/** 302 redirects. */
export const DEMO_REDIRECTS: Readonly<Record<string, string>> = {
  '/': '/login',
  '/old-dashboard': '/dashboard',
  '/logout': '/login',
};

/** Endpoints that misbehave on purpose, for tests of failure handling. */
export const DEMO_FAULTS = {
  /** Sends the start of a page and never finishes the response. */
  hang: '/hang',
  /** JSON 500 (the Reports page fetches it: failed request + console error). */
  apiError: '/api/reports',
  /** HTML 500 page. */
  pageError: '/error',
} as const;
