import { useTranslation } from 'react-i18next';
import type { NightSummary } from '../api/types.js';

function Block({ title, text, important }: { title: string; text: string; important?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`night__block${important && text ? ' night__block--important' : ''}`}>
      <dt>{title}</dt>
      <dd>{text || <span className="muted">{t('night.nothingRecorded')}</span>}</dd>
    </div>
  );
}

/** Risks, allergies, medication, wishes and instructions for the night: the same on the client page and in the nurse app. */
export function NightNotes({ summary }: { summary: NightSummary['nightSummary'] }) {
  const { t } = useTranslation();
  return (
    <>
      {summary.risks.length ? (
        <ul className="chips">
          {summary.risks.map((risk) => (
            <li key={risk} className="chip">
              {t(`risks.${risk}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('night.noRisks')}</p>
      )}
      <dl className="night__list">
        <Block title={t('night.allergies')} text={summary.allergies} important />
        <Block title={t('night.medication')} text={summary.medication} />
        <Block title={t('night.wishes')} text={summary.wishes} important />
        <Block title={t('night.instructions')} text={summary.instructions} />
      </dl>
    </>
  );
}
