import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { CheckboxField, ErrorSummary, SelectField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formPaths } from '../nightcare/form-paths.js';

type Answer = ApiJson<'GET /api/respite/research/free-texts'>[number];
type Theme = Answer['themes'][number];

// The server's themes (research/codes.ts), in its order; the texts are under respitePartners.themes.
const THEMES: readonly Theme[] = ['unknown_offer', 'application_hard', 'unfamiliar_place', 'staffing', 'guilt', 'cost', 'transport', 'care_quality', 'continuity', 'caregiver_exhausted', 'positive', 'other'];
const SHOWN = ['no', 'yes', 'all'] as const;

/** One free text: the keyword suggestion is ticked in advance, a person confirms or changes it. */
function CodeAnswer({ answer, onCoded }: { answer: Answer; onCoded: () => void }) {
  const { t } = useTranslation();
  const paths = formPaths(`answer-${answer.id}`);
  const submit = useSubmit();
  const [chosen, setChosen] = useState<Theme[]>(answer.codedAt ? answer.themes : answer.suggestedThemes);
  const titleId = `answer-${answer.id}-title`;
  const save = async () => {
    if (await submit.run(() => put(`/api/respite/research/answers/${answer.id}/themes`, { themes: chosen }))) onCoded();
  };
  const errors = paths.errors(submit.errors);
  return (
    <li className="card">
      <form className="form" noValidate aria-labelledby={titleId} onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <h2 id={titleId}>{t('respitePartners.coding.answerTitle', { respondent: t(`respiteResearch.respondents.${answer.respondent}`), municipality: answer.municipality })}</h2>
        <blockquote>{answer.freeText}</blockquote>
        <p>
          {answer.suggestedThemes.length > 0
            ? t('respitePartners.coding.suggested', { themes: answer.suggestedThemes.map((s) => t(`respitePartners.themes.${s}`)).join(', ') })
            : t('respitePartners.coding.noSuggestion')}
        </p>
        <ErrorSummary errors={errors} general={submit.general} labelFor={() => t('respitePartners.coding.themes')} attempt={submit.attempt} />
        <fieldset aria-describedby={errors[paths.path('themes')] ? `${titleId}-error` : undefined}>
          <legend>{t('respitePartners.coding.themes')}</legend>
          {errors[paths.path('themes')] && <p className="field__error" id={`${titleId}-error`}>{errors[paths.path('themes')]}</p>}
          {THEMES.map((theme) => (
            <CheckboxField
              key={theme}
              path={paths.path(`theme.${theme}`)}
              label={t(`respitePartners.themes.${theme}`)}
              checked={chosen.includes(theme)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, theme] : chosen.filter((c) => c !== theme))}
            />
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={submit.busy}>{t('respitePartners.coding.confirm')}</button>
      </form>
    </li>
  );
}

/** The research partner codes the questionnaires' free texts into themes (issue 12 item 11). */
export function RespiteCodingPage() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<(typeof SHOWN)[number]>('no');
  const answers = useApi('GET /api/respite/research/free-texts', { query: { coded: shown } });
  // On the page, not on the answer: a coded answer leaves the list of uncoded ones.
  const [saved, setSaved] = useState(false);
  return (
    <div className="page">
      <h1>{t('respitePartners.coding.title')}</h1>
      <p>{t('respitePartners.coding.intro')}</p>
      <p role="status" className={saved ? 'notice notice--ok' : undefined}>{saved ? t('respitePartners.coding.saved') : ''}</p>
      <SelectField path="shown" label={t('respitePartners.coding.shown')} value={shown} onChange={(e) => setShown(e.target.value as typeof shown)}>
        {SHOWN.map((s) => <option key={s} value={s}>{t(`respitePartners.coding.shownOptions.${s}`)}</option>)}
      </SelectField>
      {answers.loading ? (
        <Loading />
      ) : answers.state === 'error' && !answers.data ? (
        <ErrorNotice error={answers.error} />
      ) : (answers.data ?? []).length === 0 ? (
        <Empty>{t('respitePartners.coding.empty')}</Empty>
      ) : (
        <ul className="plain-list">
          {(answers.data ?? []).map((a) => <CodeAnswer key={`${a.id}-${a.codedAt ?? ''}`} answer={a} onCoded={() => { setSaved(true); answers.reload(); }} />)}
        </ul>
      )}
    </div>
  );
}
