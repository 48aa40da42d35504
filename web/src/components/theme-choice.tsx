import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const STORAGE_KEY = 'sz.theme';
const themes = ['system', 'light', 'dark'] as const;
type Theme = (typeof themes)[number];

const storedTheme = (): Theme => themes.find((t) => t === localStorage.getItem(STORAGE_KEY)) ?? 'system';

const systemDark = () => window.matchMedia('(prefers-color-scheme: dark)');

/**
 * Sets the page's theme before the first paint, so a dark board never flashes white at night. "System"
 * resolves to light or dark here (and follows the system when it changes), so the stylesheet holds the
 * dark colours once, under `[data-theme='dark']`.
 */
export function applyStoredTheme(): void {
  const theme = storedTheme();
  document.documentElement.dataset.theme = theme === 'system' ? (systemDark().matches ? 'dark' : 'light') : theme;
}

/** Keeps "system" in step with the system's setting while the page is open. */
export function followSystemTheme(): void {
  systemDark().addEventListener('change', applyStoredTheme);
}

/** Light, dark, or as the system says (prefers-color-scheme); remembered in this browser. */
export function ThemeChoice() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, theme);
    applyStoredTheme();
  }, [theme]);
  return (
    <div className="field theme-choice">
      <label htmlFor="theme-choice">{t('nightcare.theme.label')}</label>
      <select id="theme-choice" value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
        {themes.map((th) => (
          <option key={th} value={th}>
            {t(`nightcare.theme.${th}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
