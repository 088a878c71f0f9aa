import { THEME_CHOICES, setTheme, useTheme, type ThemeChoice } from '../lib/theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** One button cycling System → Light → Dark; its name says the current choice and what a press does. */
export function ThemeToggle() {
  const theme = useTheme();
  const next = THEME_CHOICES[(THEME_CHOICES.indexOf(theme) + 1) % THEME_CHOICES.length]!;
  return (
    <button
      type="button"
      className="btn btn--ghost btn--sm theme-toggle"
      onClick={() => setTheme(next)}
      aria-label={`Theme: ${LABELS[theme]}. Switch to ${LABELS[next]}`}
      title={`Theme: ${LABELS[theme]} (switch to ${LABELS[next]})`}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" className="theme-toggle__icon">
        {theme === 'dark' ? (
          <path d="M20 14.5A8 8 0 019.5 4a8 8 0 1010.5 10.5z" fill="currentColor" />
        ) : theme === 'light' ? (
          <g stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" fill="none">
            <circle cx="12" cy="12" r="4" />
            <path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4" />
          </g>
        ) : (
          <g fill="none" stroke="currentColor" strokeWidth="1.8">
            <circle cx="12" cy="12" r="8" />
            <path d="M12 4a8 8 0 010 16z" fill="currentColor" />
          </g>
        )}
      </svg>
      <span>{LABELS[theme]}</span>
    </button>
  );
}
