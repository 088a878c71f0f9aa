import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initTheme } from './lib/theme';
import { prefetchSessionPage } from './pages/session/prefetch';
import { matchPath } from './router/router';
import { authStore } from './api/auth-store';
import './styles/base.css';
import './styles/components.css';

initTheme();
// A session page opened cold (a shared link, a reload) asks for its data before React first draws.
const session = authStore.get() ? matchPath('/sessions/:id', window.location.pathname) : null;
if (session?.id) prefetchSessionPage(session.id);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
