/// <reference types="vite/client" />
import { addPageTexts } from '../../i18n/index.js';

// The MedCom desk's texts ship with its page, not with every view: only Danish organisations that
// exchange with MedCom open it, and the nurse view has a byte budget. The menu's label stays in the shell.
addPageTexts(import.meta.glob<Record<string, unknown>>('./texts/medcom.*.json', { eager: true, import: 'default' }));
