import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { organisationKinds } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, SelectField, TextField } from '../../components/form.js';
import { CardList } from '../../components/card-list.js';
import { useSubmit } from '../../components/use-submit.js';
import { NightTeamSection } from './night-team-section.js';
import { OnboardingPanel } from './onboarding-panel.js';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const list = useApi('GET /api/organisations');
  const alliances = useApi('GET /api/alliances');
  const [form, setForm] = useState({ allianceId: '', name: '', kind: 'care_provider', city: '' });
  const [created, setCreated] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const submit = useSubmit();
  const allianceList = alliances.state === 'ok' ? alliances.data.items : [];
  const allianceId = form.allianceId || allianceList[0]?.id || '';

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(async () => {
      await post('/api/organisations', { ...form, allianceId, city: form.city.trim() || undefined });
    });
    if (ok) {
      setCreated(form.name);
      setForm({ ...form, name: '', city: '' });
      list.reload();
    }
  };
  const labels: Record<string, string> = { allianceId: t('admin.alliance'), name: t('admin.organisations.name'), kind: t('admin.organisations.kind'), city: t('admin.organisations.city') };

  return (
    <>
      <h1>{t('admin.organisations.title')}</h1>
      <CardList resource={list} empty={t('admin.organisations.empty')}>
        {(o) => (
          <>
            <strong>{o.name}</strong>
            <p className="muted">
              {t(`kinds.${o.kind}`, { defaultValue: o.kind })}
              {o.city && ` · ${o.city}`}
            </p>
            <button type="button" className="button button--secondary" aria-expanded={open === o.id} onClick={() => setOpen(open === o.id ? null : o.id)}>
              {t('onboarding.toggle', { name: o.name })}
            </button>
            {open === o.id && <OnboardingPanel organisationId={o.id} organisationName={o.name} />}
          </>
        )}
      </CardList>
      <h2 className="section-title">{t('admin.organisations.create')}</h2>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
      {created && (
        <p className="notice notice--ok" role="status">
          {t('admin.created', { name: created })}
        </p>
      )}
      <form className="card form" onSubmit={(e) => void create(e)} noValidate>
        {allianceList.length > 1 && (
          <SelectField path="allianceId" label={labels.allianceId ?? ''} errors={submit.errors} value={allianceId} onChange={(e) => setForm({ ...form, allianceId: e.target.value })}>
            {allianceList.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField path="name" label={labels.name ?? ''} errors={submit.errors} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <SelectField path="kind" label={labels.kind ?? ''} errors={submit.errors} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
          {organisationKinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField path="city" label={labels.city ?? ''} errors={submit.errors} value={form.city} onChange={(e) => setForm({ ...form, city: e.target.value })} />
        {/* Until the alliances are loaded there is no alliance to add the organisation to: a click then would only be refused. */}
        <button type="submit" className="button button--primary" disabled={submit.busy || !allianceId}>
          {t('admin.organisations.create')}
        </button>
      </form>
      <NightTeamSection />
    </>
  );
}
