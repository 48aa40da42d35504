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

type Bundles = Record<string, Record<string, unknown>>;

/** One language's files among `files` (`<language>.json`, `<name>.<language>.json`), merged. */
function translationsOf(files: Bundles, language: Language): Record<string, unknown> {
  const parts = Object.entries(files).filter(([file]) => file.endsWith(`/${language}.json`) || file.endsWith(`.${language}.json`));
  return Object.assign({}, ...parts.map(([, texts]) => texts)) as Record<string, unknown>;
}

// The languages are small; bundling them avoids a second request before the first paint.
void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(languages.map((language) => [language, { translation: translationsOf(bundles, language) }])),
  lng: storedLanguage(),
  fallbackLng: 'nl',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  initAsync: false,
});
reflect(i18next.language);

/**
 * Texts a lazily loaded page ships with itself (`pages/<name>/texts/<name>.<language>.json`), so that
 * views which never open it do not carry them; merged into each language beside the shell's texts.
 */
export function addPageTexts(files: Bundles): void {
  for (const language of languages) i18next.addResourceBundle(language, 'translation', translationsOf(files, language), true, false);
}

export function changeLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language).then(() => reflect(language));
}

export { i18next };
