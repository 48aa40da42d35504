import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { patch, post } from '../../api/client.js';
import { nightRisks, type ApiJson, type NightRisk } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { CheckboxField, ErrorSummary, TextAreaField, TextField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { errorMessage, fieldErrorsOf, type FieldErrors } from '../../i18n/errors.js';
import { emptyForm, formFromRecord, toPayload, type ClientForm, type TextKey } from './client-form-model.js';

function ContactsFields({ form, setForm, errors }: { form: ClientForm; setForm: (f: ClientForm) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<ClientForm['contacts'][number]>) =>
    setForm({ ...form, contacts: form.contacts.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  return (
    <fieldset className="card">
      <legend>{t('clientForm.sections.contacts')}</legend>
      {form.contacts.map((contact, i) => (
        <div key={i} className="contact-fields" role="group" aria-label={t('clientForm.contactN', { n: i + 1 })}>
          <p className="contact-fields__title">{t('clientForm.contactN', { n: i + 1 })}</p>
          <TextField path={`contacts.${i}.name`} label={t('clients.fields.contacts_name')} errors={errors} value={contact.name} onChange={(e) => update(i, { name: e.target.value })} />
          <TextField path={`contacts.${i}.relation`} label={t('clients.fields.contacts_relation')} errors={errors} value={contact.relation} onChange={(e) => update(i, { relation: e.target.value })} />
          <TextField path={`contacts.${i}.phone`} label={t('clients.fields.contacts_phone')} errors={errors} type="tel" value={contact.phone} onChange={(e) => update(i, { phone: e.target.value })} />
          <CheckboxField path={`contacts.${i}.informalCaregiver`} label={t('clients.fields.contacts_informalCaregiver')} errors={errors} checked={contact.informalCaregiver} onChange={(e) => update(i, { informalCaregiver: e.target.checked })} />
          <button type="button" className="button button--ghost" onClick={() => setForm({ ...form, contacts: form.contacts.filter((_, j) => j !== i) })}>
            {t('clientForm.removeContact', { n: i + 1 })}
          </button>
        </div>
      ))}
      {form.contacts.length < 10 && (
        <button type="button" className="button button--secondary" onClick={() => setForm({ ...form, contacts: [...form.contacts, { name: '', relation: '', phone: '', informalCaregiver: true }] })}>
          {t('clientForm.addContact')}
        </button>
      )}
    </fieldset>
  );
}

function NightFields({ form, setForm, errors }: { form: ClientForm; setForm: (f: ClientForm) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const ns = form.nightSummary;
  const toggleRisk = (risk: NightRisk, on: boolean) => setForm({ ...form, nightSummary: { ...ns, risks: on ? [...ns.risks, risk] : ns.risks.filter((r) => r !== risk) } });
  const text = (key: 'allergies' | 'medication' | 'wishes' | 'instructions') => (
    <TextAreaField path={`nightSummary.${key}`} label={t(`clients.fields.nightSummary_${key}`)} errors={errors} value={ns[key]} onChange={(e) => setForm({ ...form, nightSummary: { ...ns, [key]: e.target.value } })} />
  );
  return (
    <fieldset className="card">
      <legend>{t('clientForm.sections.night')}</legend>
      <fieldset className="choice choice--grid">
        <legend>{t('clients.fields.nightSummary_risks')}</legend>
        {nightRisks.map((risk) => (
          <label key={risk}>
            <input type="checkbox" checked={ns.risks.includes(risk)} onChange={(e) => toggleRisk(risk, e.target.checked)} /> {t(`risks.${risk}`)}
          </label>
        ))}
      </fieldset>
      {text('allergies')}
      {text('medication')}
      {text('wishes')}
      {text('instructions')}
    </fieldset>
  );
}

function ClientFormView({ initial, clientId }: { initial: ClientForm; clientId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const field = (key: TextKey, extra: Record<string, unknown> = {}) => (
    <TextField path={key} label={t(`clients.fields.${key}`)} errors={errors} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} {...extra} />
  );
  const labelFor = (path: string) => {
    const parts = path.split('.');
    const index = parts.find((p) => /^\d+$/.test(p));
    const label = t(`clients.fields.${parts.filter((p) => !/^\d+$/.test(p)).join('_')}`, { defaultValue: '' });
    return index !== undefined && label ? `${t('clientForm.contactN', { n: Number(index) + 1 })}, ${label}` : label || undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const payload = toPayload(form, clientId !== undefined);
      const id = clientId ? (await patch<ApiJson<'PATCH /api/clients/{id}'>>(`/api/clients/${clientId}`, payload)).id : (await post<ApiJson<'POST /api/clients'>>('/api/clients', payload)).id;
      void navigate(`/clients/${id}`);
    } catch (error) {
      const fields = fieldErrorsOf(t, error);
      setErrors(fields);
      setGeneral(Object.keys(fields).length === 0 || fields[''] ? errorMessage(t, error) : undefined);
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{clientId ? t('clientForm.editTitle') : t('clientForm.newTitle')}</h1>
      <ErrorSummary errors={errors} general={general} labelFor={labelFor} attempt={attempt} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form stack">
        <fieldset className="card">
          <legend>{t('clientForm.sections.person')}</legend>
          {field('givenName', { autoComplete: 'off' })}
          {field('familyName', { autoComplete: 'off' })}
          {field('dateOfBirth', { type: 'date' })}
          {field('cpr', { hint: t('clientForm.cprHint'), autoComplete: 'off' })}
          {field('phone', { type: 'tel' })}
        </fieldset>
        <fieldset className="card">
          <legend>{t('clientForm.sections.address')}</legend>
          {field('street')}
          {field('houseNumber')}
          {field('postcode', { hint: t('clientForm.postcodeHint') })}
          {field('city')}
          {field('municipality')}
          <div className="grid-2">
            {field('latitude', { inputMode: 'decimal' })}
            {field('longitude', { inputMode: 'decimal' })}
          </div>
        </fieldset>
        <fieldset className="card">
          <legend>{t('clientForm.sections.care')}</legend>
          <CheckboxField path="districtNursing" label={t('clients.fields.districtNursing')} errors={errors} checked={form.districtNursing} onChange={(e) => setForm({ ...form, districtNursing: e.target.checked })} />
          <CheckboxField path="personalAlarm" label={t('clients.fields.personalAlarm')} errors={errors} checked={form.personalAlarm} onChange={(e) => setForm({ ...form, personalAlarm: e.target.checked })} />
          {field('alarmAccount', { hint: t('clientForm.alarmAccountHint'), autoComplete: 'off' })}
          {field('alarmDevice')}
          {field('gpName')}
          {field('gpPhone', { type: 'tel' })}
        </fieldset>
        <fieldset className="card">
          <legend>{t('clientForm.sections.keySafe')}</legend>
          {field('keySafeCode', { autoComplete: 'off', hint: clientId ? t('clientForm.keySafeUnchanged') : undefined })}
          {field('keySafeLocation')}
        </fieldset>
        <NightFields form={form} setForm={setForm} errors={errors} />
        <ContactsFields form={form} setForm={setForm} errors={errors} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {clientId ? t('clientForm.save') : t('clientForm.create')}
          </button>
          <Link to={clientId ? `/clients/${clientId}` : '/clients'} className="button button--ghost">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

export function ClientFormPage() {
  const { id } = useParams();
  const record = useApi('GET /api/clients/{id}', id ? { path: { id } } : null);
  if (!id) return <ClientFormView initial={emptyForm()} />;
  if (record.state === 'error') return <ErrorNotice error={record.error} />;
  if (record.state !== 'ok') return <Loading />;
  // The record seeds the form once; later edits live in the form's own state.
  return <ClientFormView key={id} initial={formFromRecord(record.data)} clientId={id} />;
}
