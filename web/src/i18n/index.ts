import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import citizenDa from './citizen.da.json' with { type: 'json' };
import citizenEn from './citizen.en.json' with { type: 'json' };
import citizenNl from './citizen.nl.json' with { type: 'json' };
import allianceDa from './alliance.da.json' with { type: 'json' };
import allianceEn from './alliance.en.json' with { type: 'json' };
import allianceNl from './alliance.nl.json' with { type: 'json' };
import da from './da.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import managementDa from './management.da.json' with { type: 'json' };
import managementEn from './management.en.json' with { type: 'json' };
import managementNl from './management.nl.json' with { type: 'json' };
import nightcareDa from './nightcare.da.json' with { type: 'json' };
import nightcareEn from './nightcare.en.json' with { type: 'json' };
import nightcareNl from './nightcare.nl.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };
import nurseDa from './nurse.da.json' with { type: 'json' };
import nurseEn from './nurse.en.json' with { type: 'json' };
import nurseNl from './nurse.nl.json' with { type: 'json' };
import respiteDa from './respite.da.json' with { type: 'json' };
import respiteEn from './respite.en.json' with { type: 'json' };
import respiteNl from './respite.nl.json' with { type: 'json' };
import supervisionDa from './supervision.da.json' with { type: 'json' };
import supervisionEn from './supervision.en.json' with { type: 'json' };
import supervisionNl from './supervision.nl.json' with { type: 'json' };
import rosterDa from './roster.da.json' with { type: 'json' };
import rosterEn from './roster.en.json' with { type: 'json' };
import rosterNl from './roster.nl.json' with { type: 'json' };

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

// The languages are small; bundling them avoids a second request before the first paint.
void i18next.use(initReactI18next).init({
  // Night-care, nurse-app, citizen and outbox texts live in their own files, one per capability, merged into one namespace.
  resources: {
    nl: { translation: { ...nl, ...nightcareNl, ...nurseNl, ...supervisionNl, ...managementNl, ...citizenNl, ...rosterNl, ...allianceNl, ...respiteNl } },
    en: { translation: { ...en, ...nightcareEn, ...nurseEn, ...supervisionEn, ...managementEn, ...citizenEn, ...rosterEn, ...allianceEn, ...respiteEn } },
    da: { translation: { ...da, ...nightcareDa, ...nurseDa, ...supervisionDa, ...managementDa, ...citizenDa, ...rosterDa, ...allianceDa, ...respiteDa } },
  },
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
