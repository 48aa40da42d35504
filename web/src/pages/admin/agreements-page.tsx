import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { agreementPurposes } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, SelectField, TextField } from '../../components/form.js';
import { CardList } from '../../components/card-list.js';
import { useSubmit } from '../../components/use-submit.js';
import { inputId } from '../../i18n/errors.js';
import { formatDate } from '../../i18n/format.js';

const emptyForm = () => ({ allianceId: '', organisationId: '', purposes: ['nightcare'] as string[], startsOn: new Date().toISOString().slice(0, 10), endsOn: '', signedBy: '' });

export function AgreementsPage() {
  const { t } = useTranslation();
  const list = useApi('GET /api/agreements');
  const organisations = useApi('GET /api/organisations');
  const alliances = useApi('GET /api/alliances');
  const [form, setForm] = useState(emptyForm);
  const [created, setCreated] = useState(false);
  const submit = useSubmit();
  const allianceList = alliances.state === 'ok' ? alliances.data.items : [];
  const allianceId = form.allianceId || allianceList[0]?.id || '';
  const organisationList = organisations.state === 'ok' ? organisations.data.items : [];

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(false);
    const ok = await submit.run(async () => {
      await post('/api/agreements', { ...form, allianceId, endsOn: form.endsOn || undefined });
    });
    if (ok) {
      setCreated(true);
      setForm(emptyForm());
      list.reload();
    }
  };
  const labels: Record<string, string> = {
    allianceId: t('admin.alliance'),
    organisationId: t('admin.agreements.organisation'),
    purposes: t('admin.agreements.purposes'),
    startsOn: t('admin.agreements.startsOn'),
    endsOn: t('admin.agreements.endsOn'),
    signedBy: t('admin.agreements.signedBy'),
  };
  const purposesError = submit.errors.purposes;

  return (
    <>
      <h1>{t('admin.agreements.title')}</h1>
      <p>{t('admin.agreements.intro')}</p>
      <CardList resource={list} empty={t('admin.agreements.empty')}>
        {(a) => (
          <>
            <strong>{a.organisationName}</strong>{' '}
            <span className={`badge badge--${a.active ? 'ok' : 'warn'}`}>{a.active ? t('admin.agreements.active') : t('admin.agreements.inactive')}</span>
            <p className="muted">
              {a.purposes.map((p) => t(`purposes.${p}`, { defaultValue: p })).join(', ')} · {formatDate(a.startsOn)} – {a.endsOn ? formatDate(a.endsOn) : t('admin.agreements.open')}
            </p>
            <p className="muted">{t('admin.agreements.signedByName', { name: a.signedBy })}</p>
          </>
        )}
      </CardList>
      <h2 className="section-title">{t('admin.agreements.create')}</h2>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
      {created && (
        <p className="notice notice--ok" role="status">
          {t('admin.agreements.created')}
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
        <SelectField path="organisationId" label={labels.organisationId ?? ''} errors={submit.errors} value={form.organisationId} onChange={(e) => setForm({ ...form, organisationId: e.target.value })}>
          <option value="">{t('admin.choose')}</option>
          {organisationList.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <fieldset className={`choice${purposesError ? ' field--invalid' : ''}`}>
          <legend id={inputId('purposes')} tabIndex={-1}>
            {labels.purposes}
          </legend>
          {purposesError && <p className="field__error">{purposesError}</p>}
          {agreementPurposes.map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                checked={form.purposes.includes(p)}
                onChange={(e) => setForm({ ...form, purposes: e.target.checked ? [...form.purposes, p] : form.purposes.filter((x) => x !== p) })}
              />{' '}
              {t(`purposes.${p}`)}
            </label>
          ))}
        </fieldset>
        <div className="grid-2">
          <TextField path="startsOn" label={labels.startsOn ?? ''} errors={submit.errors} type="date" value={form.startsOn} onChange={(e) => setForm({ ...form, startsOn: e.target.value })} />
          <TextField path="endsOn" label={labels.endsOn ?? ''} errors={submit.errors} type="date" value={form.endsOn} onChange={(e) => setForm({ ...form, endsOn: e.target.value })} />
        </div>
        <TextField path="signedBy" label={labels.signedBy ?? ''} errors={submit.errors} value={form.signedBy} onChange={(e) => setForm({ ...form, signedBy: e.target.value })} />
        <button type="submit" className="button button--primary" disabled={submit.busy}>
          {t('admin.agreements.create')}
        </button>
      </form>
    </>
  );
}
