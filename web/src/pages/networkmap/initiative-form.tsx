import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { STAGES, TARGET_GROUPS, THEMES, type Municipality } from './types.js';

export interface InitiativeValues {
  title: string;
  summary: string;
  municipalityId: string;
  place: string;
  partners: { name: string; kind: string }[];
  themes: string[];
  targetGroups: string[];
  stage: string;
  startedOn?: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  contactPublish: boolean;
  links: string[];
  films: string[];
  wantsSupport: boolean;
}

/** A form field's text; files are not text fields here. */
export const textOf = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');
const lines = (value: FormDataEntryValue | null) => textOf(value).split('\n').map((l) => l.trim()).filter(Boolean);

/** The form's fields as the API's body; partners are names, the server recognises their kind. */
export function readForm(form: HTMLFormElement): InitiativeValues & { website: string } {
  const data = new FormData(form);
  const text = (name: string) => textOf(data.get(name)).trim();
  return {
    title: text('title'), summary: text('summary'), municipalityId: text('municipalityId'), place: text('place'),
    partners: lines(data.get('partners')).map((name) => ({ name, kind: 'other' })), themes: data.getAll('themes').map(textOf), targetGroups: data.getAll('targetGroups').map(textOf),
    stage: text('stage'), ...(text('startedOn') ? { startedOn: text('startedOn') } : {}), contactName: text('contactName'), contactEmail: text('contactEmail'), contactPhone: text('contactPhone'),
    contactPublish: data.get('contactPublish') === 'on', links: lines(data.get('links')), films: lines(data.get('films')), wantsSupport: data.get('wantsSupport') === 'on', website: text('website'),
  };
}

/** The initiative in plain Dutch (B1): the public call and the submitter's own edit page share it. */
export function InitiativeForm({ municipalities, initial, busy, submitLabel, onSubmit }: { municipalities: Municipality[]; initial?: Partial<InitiativeValues>; busy: boolean; submitLabel: string; onSubmit: (event: FormEvent<HTMLFormElement>) => void }) {
  const { t } = useTranslation();
  return (
    <form onSubmit={onSubmit} className="form networkmap-form">
      <TextField path="title" label={t('networkmap.form.title')} hint={t('networkmap.form.titleHint')} required minLength={4} maxLength={140} defaultValue={initial?.title} />
      <TextAreaField path="summary" label={t('networkmap.form.summary')} hint={t('networkmap.form.summaryHint')} required minLength={10} maxLength={3000} rows={5} defaultValue={initial?.summary} />
      <SelectField path="municipalityId" label={t('networkmap.form.municipality')} required defaultValue={initial?.municipalityId ?? ''}>
        <option value="" disabled>{t('networkmap.form.choose')}</option>
        {municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
      </SelectField>
      <TextField path="place" label={t('networkmap.form.place')} hint={t('networkmap.form.placeHint')} maxLength={80} defaultValue={initial?.place} />
      <TextAreaField path="partners" label={t('networkmap.form.partners')} hint={t('networkmap.form.partnersHint')} rows={4} defaultValue={initial?.partners?.map((p) => p.name).join('\n')} />
      <fieldset className="field">
        <legend>{t('networkmap.form.themes')}</legend>
        {THEMES.map((code) => <label key={code} className="networkmap-form__choice"><input type="checkbox" name="themes" value={code} defaultChecked={initial?.themes?.includes(code)} /> {t(`networkmap.theme.${code}`)}</label>)}
      </fieldset>
      <fieldset className="field">
        <legend>{t('networkmap.form.targetGroups')}</legend>
        {TARGET_GROUPS.map((code) => <label key={code} className="networkmap-form__choice"><input type="checkbox" name="targetGroups" value={code} defaultChecked={initial?.targetGroups?.includes(code)} /> {t(`networkmap.targetGroup.${code}`)}</label>)}
      </fieldset>
      <fieldset className="field">
        <legend>{t('networkmap.form.stage')}</legend>
        {STAGES.map((code) => <label key={code} className="networkmap-form__choice"><input type="radio" name="stage" value={code} required defaultChecked={(initial?.stage ?? 'starting') === code} /> {t(`networkmap.stage.${code}`)}</label>)}
      </fieldset>
      <TextField path="startedOn" label={t('networkmap.form.startedOn')} type="date" defaultValue={initial?.startedOn} />
      <TextAreaField path="links" label={t('networkmap.form.links')} hint={t('networkmap.form.linksHint')} rows={2} defaultValue={initial?.links?.join('\n')} />
      <TextAreaField path="films" label={t('networkmap.form.films')} hint={t('networkmap.form.filmsHint')} rows={2} defaultValue={initial?.films?.join('\n')} />
      <h2>{t('networkmap.form.contactTitle')}</h2>
      <p>{t('networkmap.form.contactIntro')}</p>
      <TextField path="contactName" label={t('networkmap.form.contactName')} autoComplete="name" required minLength={2} maxLength={120} defaultValue={initial?.contactName} />
      <TextField path="contactEmail" label={t('networkmap.form.contactEmail')} type="email" autoComplete="email" required maxLength={200} defaultValue={initial?.contactEmail} />
      <TextField path="contactPhone" label={t('networkmap.form.contactPhone')} type="tel" autoComplete="tel" maxLength={40} defaultValue={initial?.contactPhone} />
      <CheckboxField path="contactPublish" label={t('networkmap.form.contactPublish')} defaultChecked={initial?.contactPublish ?? false} />
      <CheckboxField path="wantsSupport" label={t('networkmap.form.wantsSupport')} defaultChecked={initial?.wantsSupport ?? false} />
      {/* Spam protection without third parties: people never see or reach this field; bots fill it. */}
      <div className="networkmap-form__trap" aria-hidden="true">
        <label htmlFor="website">{t('networkmap.form.trap')}</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>{submitLabel}</button>
    </form>
  );
}
