import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';

type Settings = ApiJson<'GET /api/respite/settings'>;
type NumberSetting = keyof Settings['bounds'];
type Field = NumberSetting | 'crisisPhone';
type Form = Record<Field, string>;

const NUMBERS: NumberSetting[] = ['minLeadDays', 'holdHours', 'minGroupSize', 'respiteAlarmThreshold'];
const GROUPS: { legend: string; fields: Field[] }[] = [
  { legend: 'planning', fields: ['minLeadDays', 'crisisPhone', 'holdHours'] },
  { legend: 'analytics', fields: ['minGroupSize'] },
  { legend: 'nightcare', fields: ['respiteAlarmThreshold'] },
];

const toForm = (s: Settings): Form => ({ minLeadDays: String(s.minLeadDays), holdHours: String(s.holdHours), minGroupSize: String(s.minGroupSize), respiteAlarmThreshold: String(s.respiteAlarmThreshold), crisisPhone: s.crisisPhone });
/** A whole number as a number; anything else goes as typed, so the server names the field. */
const wholeNumber = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/**
 * The alliance's respite settings: what each does, its default (our choice, not a norm) and its range,
 * in the help text of each field. Alliance administrators; a change counts from the next request.
 */
export function RespiteSettingsPage() {
  const { t } = useTranslation();
  const settings = useApi('GET /api/respite/settings');
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  useEffect(() => {
    if (settings.data) setForm(toForm(settings.data));
  }, [settings.data]);
  if (settings.error) return <ErrorNotice error={settings.error} />;
  if (!form || !settings.data) return <Loading />;
  const { defaults, bounds } = settings.data;
  // The server names the field; the page says in its own words what it accepts.
  const errors = Object.fromEntries(
    Object.keys(submit.errors).map((path) => [path, t(`respiteSettings.fields.${path}.error`, (bounds as Partial<Settings['bounds']>)[path as NumberSetting] ?? {})]),
  );
  const hint = (field: Field) =>
    [t(`respiteSettings.fields.${field}.hint`), t('respiteSettings.default', { value: defaults[field] }), field === 'crisisPhone' ? '' : t('respiteSettings.range', bounds[field])].filter(Boolean).join(' ');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = { ...Object.fromEntries(NUMBERS.map((n) => [n, wholeNumber(form[n])])), crisisPhone: form.crisisPhone };
    if (await submit.run(() => put('/api/respite/settings', body))) {
      setSaved(true);
      settings.reload();
    }
  };
  return (
    <div className="page page--narrow">
      <h1>{t('respiteSettings.title')}</h1>
      <p>{t('respiteSettings.intro')}</p>
      {saved && (
        <p className="notice notice--ok" role="status">
          {t('respiteSettings.saved')}
        </p>
      )}
      <ErrorSummary errors={errors} general={submit.general} labelFor={(path) => t(`respiteSettings.fields.${path}.label`)} attempt={submit.attempt} />
      <form className="card form" onSubmit={(e) => void save(e)} noValidate>
        {GROUPS.map((group) => (
          <fieldset key={group.legend}>
            <legend>{t(`respiteSettings.groups.${group.legend}`)}</legend>
            {group.fields.map((field) => (
              <TextField
                key={field}
                path={field}
                label={t(`respiteSettings.fields.${field}.label`)}
                hint={hint(field)}
                errors={errors}
                inputMode={field === 'crisisPhone' ? 'tel' : 'numeric'}
                autoComplete="off"
                required
                value={form[field]}
                onChange={(e) => setForm({ ...form, [field]: e.target.value })}
              />
            ))}
          </fieldset>
        ))}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submit.busy}>
            {t('respiteSettings.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
