import type { AuthResponse, User } from '@claude-scope/contracts';

/** The key the product docs tell users to read their token from. */
export const AUTH_KEY = 'cs-auth';

export interface AuthState {
  accessToken: string;
  user: User;
}

const listeners = new Set<() => void>();
let cached: AuthState | null | undefined;
/** Why the last sign-out happened, so sign-in can say "your session expired". */
let lastReason: 'signout' | 'expired' = 'signout';

function read(): AuthState | null {
  try {
    const raw = localStorage.getItem(AUTH_KEY);
    const value = raw ? (JSON.parse(raw) as Partial<AuthState>) : null;
    return value && typeof value.accessToken === 'string' && value.user ? (value as AuthState) : null;
  } catch {
    return null; // unreadable or hand-edited: treat as signed out
  }
}

export const authStore = {
  get(): AuthState | null {
    if (cached === undefined) cached = read();
    return cached;
  },
  set(auth: AuthResponse): void {
    cached = { accessToken: auth.accessToken, user: auth.user };
    localStorage.setItem(AUTH_KEY, JSON.stringify(cached));
    listeners.forEach((l) => l());
  },
  clear(reason: 'signout' | 'expired' = 'signout'): void {
    lastReason = reason;
    cached = null;
    localStorage.removeItem(AUTH_KEY);
    listeners.forEach((l) => l());
  },
  get lastReason() {
    return lastReason;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    // Another tab signing in or out changes this one too.
    const onStorage = (e: StorageEvent) => {
      if (e.key !== AUTH_KEY) return;
      cached = read();
      listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  },
};
