import i18next, { type TFunction } from 'i18next';
import da from './locales/da.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };

export const languages = ['nl', 'en', 'da'] as const;
export type Language = (typeof languages)[number];

/** Server-side texts (letters, reports); Dutch is the default and the fallback. */
const instance = i18next.createInstance();
void instance.init({ lng: 'nl', fallbackLng: 'nl', resources: { nl: { translation: nl }, en: { translation: en }, da: { translation: da } }, interpolation: { escapeValue: false }, initAsync: false });

export const translator = (language: Language = 'nl'): TFunction => instance.getFixedT(language);

/** The Intl locale of a document language. */
export const intlLocale = (language: Language): string => ({ nl: 'nl-NL', en: 'en-GB', da: 'da-DK' })[language];

/** Dates in documents: 14 maart 1938, in the reader's language. */
export const formatDate = (isoDate: string | Date, language: Language = 'nl') =>
  new Intl.DateTimeFormat(intlLocale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(typeof isoDate === 'string' ? new Date(`${isoDate}T00:00:00Z`) : isoDate);
