import { useTranslation } from 'react-i18next';
import { changeLanguage, languages } from '../i18n/index.js';

/** Compact language buttons for pages outside the logged-in shell. */
export function LanguageChoice() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-choice" role="group" aria-label={t('layout.language')}>
      {languages.map((l) => (
        <button key={l} type="button" lang={l} className="button button--ghost button--small" aria-pressed={i18n.language === l} onClick={() => changeLanguage(l)}>
          {t(`languages.${l}`)}
        </button>
      ))}
    </div>
  );
}
