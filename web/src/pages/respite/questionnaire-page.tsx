import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client.js';
import { CheckboxField, SelectField, TextAreaField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';

// The codes the server accepts (research/codes.ts); the texts are in respite-research.<language>.json.
const STRAIN_ITEMS = ['sleep_disturbed', 'inconvenient', 'physical_strain', 'confining', 'family_adjustments', 'plans_changed', 'other_demands', 'emotional_adjustments', 'upsetting_behaviour', 'person_changed', 'work_adjustments', 'financial_strain', 'overwhelmed'] as const;
const NON_USE = ['not_known', 'how_to_apply', 'unfamiliar_place', 'too_few_staff', 'guilt', 'person_refuses', 'cost', 'no_fitting_place', 'transport', 'not_needed'] as const;
const WISHES = ['same_place', 'close_to_home', 'at_home', 'day_care', 'partner_may_stay', 'introductory_visit', 'short_notice', 'familiar_staff', 'weekend'] as const;
const RESPONDENTS = ['caregiver', 'older_person', 'professional'] as const;

interface Result { strain: { score: number; high: boolean; source: string; highFrom: number } | null }

const toggle = (list: string[], code: string, on: boolean) => (on ? [...list, code] : list.filter((c) => c !== code));

/** The pilot's questionnaire, login-free and anonymous, in plain Dutch (B1); a caregiver sees their strain score. */
export function RespiteQuestionnairePage() {
  const { t } = useTranslation();
  const [alliance, setAlliance] = useState<{ id: string; municipalities: string[] } | undefined>();
  const [error, setError] = useState<unknown>();
  const [respondent, setRespondent] = useState<(typeof RESPONDENTS)[number]>('caregiver');
  const [municipality, setMunicipality] = useState('');
  const [strain, setStrain] = useState<string[]>([]);
  const [usedRespite, setUsedRespite] = useState(false);
  const [nonUse, setNonUse] = useState<string[]>([]);
  const [wishes, setWishes] = useState<string[]>([]);
  const [freeText, setFreeText] = useState('');
  const [result, setResult] = useState<Result | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const [first] = await get<{ id: string }[]>('/api/public/respite/alliances', controller.signal);
      if (!first) return;
      const overview = await get<{ municipalities: string[] }>(`/api/public/respite/alliances/${first.id}`, controller.signal);
      setAlliance({ id: first.id, municipalities: overview.municipalities });
      setMunicipality(overview.municipalities[0] ?? '');
    })().catch((e: unknown) => controller.signal.aborted || setError(e));
    return () => controller.abort();
  }, []);
  if (!alliance) return <main className="page page--narrow" id="main">{error !== undefined ? <ErrorNotice error={error} /> : <Loading />}</main>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setResult(await post<Result>(`/api/public/respite/alliances/${alliance.id}/questionnaire`, {
        respondent, municipality, usedRespite, nonUseReasons: nonUse, wishes, freeText,
        ...(respondent === 'caregiver' ? { strainItems: STRAIN_ITEMS.map((item) => strain.includes(item)) } : {}),
      }));
    } catch (e) {
      setError(e);
    }
  };
  if (result) {
    return (
      <main className="page page--narrow respite-public" id="main">
        <h1>{t('respiteResearch.thanks')}</h1>
        {result.strain && (
          <section className="card" aria-live="polite">
            <h2>{t('respiteResearch.scoreTitle')}</h2>
            <p>{t('respiteResearch.score', { score: result.strain.score })}</p>
            <p>{result.strain.high ? t('respiteResearch.scoreHigh') : t('respiteResearch.scoreLow')}</p>
            <p className="muted">{t('respiteResearch.scoreSource', { source: result.strain.source, from: result.strain.highFrom })}</p>
          </section>
        )}
        <p><a href="/logeerzorg">{t('respiteResearch.toOverview')}</a></p>
      </main>
    );
  }
  return (
    <main className="page page--narrow respite-public" id="main">
      <h1>{t('respiteResearch.title')}</h1>
      <p>{t('respiteResearch.intro')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      <form onSubmit={(e) => void submit(e)} className="form">
        <SelectField path="respondent" label={t('respiteResearch.who')} value={respondent} onChange={(e) => setRespondent(e.target.value as typeof respondent)}>
          {RESPONDENTS.map((r) => <option key={r} value={r}>{t(`respiteResearch.respondents.${r}`)}</option>)}
        </SelectField>
        <SelectField path="municipality" label={t('respiteResearch.municipality')} value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
          {alliance.municipalities.map((m) => <option key={m} value={m}>{m}</option>)}
        </SelectField>
        {respondent === 'caregiver' && (
          <fieldset>
            <legend>{t('respiteResearch.strainLegend')}</legend>
            {STRAIN_ITEMS.map((item) => (
              <CheckboxField key={item} path={`strain.${item}`} label={t(`respiteResearch.strain.${item}`)} checked={strain.includes(item)} onChange={(e) => setStrain(toggle(strain, item, e.target.checked))} />
            ))}
          </fieldset>
        )}
        <CheckboxField path="usedRespite" label={t('respiteResearch.usedRespite')} checked={usedRespite} onChange={(e) => setUsedRespite(e.target.checked)} />
        <fieldset>
          <legend>{t('respiteResearch.nonUseLegend')}</legend>
          {NON_USE.map((code) => (
            <CheckboxField key={code} path={`nonUse.${code}`} label={t(`respiteAnalytics.nonUseReasons.${code}`)} checked={nonUse.includes(code)} onChange={(e) => setNonUse(toggle(nonUse, code, e.target.checked))} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('respiteResearch.wishesLegend')}</legend>
          {WISHES.map((code) => (
            <CheckboxField key={code} path={`wishes.${code}`} label={t(`respiteResearch.wishes.${code}`)} checked={wishes.includes(code)} onChange={(e) => setWishes(toggle(wishes, code, e.target.checked))} />
          ))}
        </fieldset>
        <TextAreaField path="freeText" label={t('respiteResearch.freeText')} hint={t('respiteResearch.freeTextHint')} value={freeText} maxLength={2000} onChange={(e) => setFreeText(e.target.value)} />
        <button type="submit" className="button">{t('respiteResearch.send')}</button>
      </form>
    </main>
  );
}
