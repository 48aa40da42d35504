/// <reference types="vite/client" />
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['nl', 'en', 'da'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'sz.language';

function storedLanguage(): Language {
  const value = localStorage.getItem(STORAGE_KEY);
  return languages.find((l) => l === value) ?? 'nl';
}

function reflect(language: string): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.name');
}

/**
 * `nl.json` (the shell) and every capability's own `<name>.nl.json`, merged into one namespace: a new
 * capability adds its files here and nothing else. Their top-level keys differ (one per capability).
 */
const bundles = import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });

function translationsOf(language: Language): Record<string, unknown> {
  const parts = Object.entries(bundles).filter(([file]) => file === `./${language}.json` || file.endsWith(`.${language}.json`));
  return Object.assign({}, ...parts.map(([, texts]) => texts)) as Record<string, unknown>;
}

// The languages are small; bundling them avoids a second request before the first paint.
void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(languages.map((language) => [language, { translation: translationsOf(language) }])),
  lng: storedLanguage(),
  fallbackLng: 'nl',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  initAsync: false,
});
reflect(i18next.language);

export function changeLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language).then(() => reflect(language));
}

export { i18next };
