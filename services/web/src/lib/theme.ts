import { useSyncExternalStore } from 'react';

/** The user's choice; 'system' follows prefers-color-scheme, live. Kept in localStorage under THEME_KEY. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'cs-theme';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const listeners = new Set<() => void>();
const media = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null);

function read(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

let choice: ThemeChoice = typeof window !== 'undefined' ? read() : 'system';

/** Sets <html data-theme> to what the choice resolves to now. */
function apply(): void {
  const dark = choice === 'dark' || (choice === 'system' && Boolean(media()?.matches));
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/** Called once before the first render, so the page never flashes the other theme. */
export function initTheme(): void {
  apply();
  media()?.addEventListener('change', () => {
    if (choice === 'system') apply();
  });
}

export function setTheme(next: ThemeChoice): void {
  choice = next;
  try {
    if (next === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
  } catch {
    // storage unavailable (private mode): the choice still holds for this page
  }
  apply();
  listeners.forEach((l) => l());
}

export function useTheme(): ThemeChoice {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => choice,
  );
}
