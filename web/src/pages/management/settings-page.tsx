import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, SelectField, TextField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import '../nightcare/nightcare.css';

type Settings = ApiJson<'GET /api/nightcare/management-settings'>;
type Norms = Settings['responseNorms'];
type Urgency = keyof Norms;
const URGENCIES: Urgency[] = ['U1', 'U2', 'U3', 'U4', 'U5'];
const SOURCES = ['product_choice', 'nts', 'alliance_agreement'] as const;
const KEYS = ['eligible_clients', 'fixed_shares', 'mix'] as const;

/** "40,00" or "40.00" euros → 4000 cents; anything else goes as typed so the server names the field. */
const cents = (text: string): number | string => (/^\d+([.,]\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim().replace(',', '.')) * 100) : text);
const basisPoints = (text: string): number | string => (/^\d+([.,]\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim().replace(',', '.')) * 100) : text);
const wholeNumber = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);
const asText = (value: number) => (value / 100).toFixed(2);

interface Form {
  norms: Record<Urgency, { minutes: string; source: (typeof SOURCES)[number] }>;
  minimum: string;
  reference: string;
  standby: string;
  onSite: string;
  travel: string;
  key: (typeof KEYS)[number];
  eligiblePercent: string;
  shares: Record<string, string>;
}

const toForm = (s: Settings): Form => ({
  norms: Object.fromEntries(URGENCIES.map((u) => [u, { minutes: s.responseNorms[u].minutes === null ? '' : String(s.responseNorms[u].minutes), source: s.responseNorms[u].source }])) as Form['norms'],
  minimum: String(s.minimumNightNurses),
  reference: s.costAgreement?.agreementReference ?? '',
  standby: s.costAgreement ? asText(s.costAgreement.standbyCentsPerNurseHour) : '',
  onSite: s.costAgreement ? asText(s.costAgreement.onSiteCentsPerHour) : '',
  travel: s.costAgreement ? asText(s.costAgreement.travelCentsPerHour) : '',
  key: s.costAgreement?.standbyKey ?? 'eligible_clients',
  eligiblePercent: String(s.costAgreement?.eligibleClientsPercent ?? 100),
  shares: Object.fromEntries(Object.entries(s.costAgreement?.fixedShares ?? {}).map(([id, bp]) => [id, asText(bp)])),
});

function body(form: Form) {
  const hasRates = [form.standby, form.onSite, form.travel].some((v) => v.trim() !== '');
  return {
    responseNorms: Object.fromEntries(URGENCIES.map((u) => [u, { minutes: form.norms[u].minutes.trim() === '' ? null : wholeNumber(form.norms[u].minutes), source: form.norms[u].source }])),
    minimumNightNurses: wholeNumber(form.minimum),
    costAgreement: hasRates
      ? {
          agreementReference: form.reference,
          standbyCentsPerNurseHour: cents(form.standby),
          onSiteCentsPerHour: cents(form.onSite),
          travelCentsPerHour: cents(form.travel),
          standbyKey: form.key,
          eligibleClientsPercent: wholeNumber(form.eligiblePercent),
          fixedShares: Object.fromEntries(Object.entries(form.shares).filter(([, v]) => v.trim() !== '').map(([id, v]) => [id, basisPoints(v)])),
        }
      : null,
  };
}

/** The alliance's norms (with their source), staffing minimum and cost agreement: alliance administrators. */
export function ManagementSettingsPage() {
  const { t } = useTranslation();
  const settings = useApi('GET /api/nightcare/management-settings');
  const organisations = useApi('GET /api/organisations');
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = useSubmit('management');
  useEffect(() => {
    if (settings.data) setForm(toForm(settings.data));
  }, [settings.data]);
  const providers = (organisations.data?.items ?? []).filter((o) => o.kind === 'care_provider');
  const labelFor = (path: string) => t(`management.settings.paths.${path.split('.')[0] ?? path}`, { defaultValue: path });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setSaved(false);
    if (await submit.run(() => patch('/api/nightcare/management-settings', body(form)))) {
      setSaved(true);
      settings.reload();
    }
  };
  if (settings.error) return <ErrorNotice error={settings.error} />;
  if (!form) return <Loading />;
  const set = (patchForm: Partial<Form>) => setForm({ ...form, ...patchForm });
  return (
    <div className="nc-wide">
      <h1>{t('management.settings.title')}</h1>
      <p>{t('management.norms.explanation')}</p>
      {saved && (
        <p className="notice notice--ok" role="status">
          {t('management.settings.saved')}
        </p>
      )}
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={labelFor} attempt={submit.attempt} />
      <form className="card form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset>
          <legend>{t('management.settings.norms')}</legend>
          {URGENCIES.map((u) => (
            <div key={u} className="nc-toolbar">
              <TextField path={`responseNorms.${u}.minutes`} label={t('management.settings.normMinutes', { urgency: u })} hint={u === 'U5' ? t('management.norms.byPhone') : undefined} errors={submit.errors} inputMode="numeric" value={form.norms[u].minutes} onChange={(e) => set({ norms: { ...form.norms, [u]: { ...form.norms[u], minutes: e.target.value } } })} />
              <SelectField path={`responseNorms.${u}.source`} label={t('management.settings.normSource', { urgency: u })} errors={submit.errors} value={form.norms[u].source} onChange={(e) => set({ norms: { ...form.norms, [u]: { ...form.norms[u], source: e.target.value as (typeof SOURCES)[number] } } })}>
                {SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t(`management.norms.sources.${s}`)}
                  </option>
                ))}
              </SelectField>
            </div>
          ))}
        </fieldset>
        <TextField path="minimumNightNurses" label={t('management.settings.minimum')} hint={t('management.settings.minimumHint')} errors={submit.errors} inputMode="numeric" value={form.minimum} onChange={(e) => set({ minimum: e.target.value })} />
        <fieldset>
          <legend>{t('management.settings.agreement')}</legend>
          <p className="muted">{t('management.settings.agreementHint')}</p>
          <TextField path="costAgreement.agreementReference" label={t('management.settings.reference')} errors={submit.errors} value={form.reference} onChange={(e) => set({ reference: e.target.value })} />
          <TextField path="costAgreement.standbyCentsPerNurseHour" label={t('management.settings.standby')} errors={submit.errors} inputMode="decimal" value={form.standby} onChange={(e) => set({ standby: e.target.value })} />
          <TextField path="costAgreement.onSiteCentsPerHour" label={t('management.settings.onSite')} errors={submit.errors} inputMode="decimal" value={form.onSite} onChange={(e) => set({ onSite: e.target.value })} />
          <TextField path="costAgreement.travelCentsPerHour" label={t('management.settings.travel')} errors={submit.errors} inputMode="decimal" value={form.travel} onChange={(e) => set({ travel: e.target.value })} />
          <SelectField path="costAgreement.standbyKey" label={t('management.settings.key')} errors={submit.errors} value={form.key} onChange={(e) => set({ key: e.target.value as (typeof KEYS)[number] })}>
            {KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`management.settings.keys.${k}`, { percent: form.eligiblePercent })}
              </option>
            ))}
          </SelectField>
          {form.key === 'mix' && <TextField path="costAgreement.eligibleClientsPercent" label={t('management.settings.eligiblePercent')} errors={submit.errors} inputMode="numeric" value={form.eligiblePercent} onChange={(e) => set({ eligiblePercent: e.target.value })} />}
          {form.key !== 'eligible_clients' &&
            providers.map((o) => (
              <TextField key={o.id} path={`costAgreement.fixedShares.${o.id}`} label={t('management.settings.share', { name: o.name })} errors={submit.errors} inputMode="decimal" value={form.shares[o.id] ?? ''} onChange={(e) => set({ shares: { ...form.shares, [o.id]: e.target.value } })} />
            ))}
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submit.busy}>
            {t('management.settings.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
