/// <reference types="vite/client" />
import { i18next } from '../../i18n/index.js';

// The MedCom desk's texts ship with its page, not with every view: only Danish organisations that
// exchange with MedCom open it, and the nurse view has a byte budget. The menu's label stays in the shell.
const bundles = import.meta.glob<Record<string, unknown>>('./texts/medcom.*.json', { eager: true, import: 'default' });
for (const [file, texts] of Object.entries(bundles)) {
  const language = /medcom\.(\w+)\.json$/.exec(file)?.[1];
  if (language) i18next.addResourceBundle(language, 'translation', texts, true, false);
}
