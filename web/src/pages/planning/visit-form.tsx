import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, withQuery } from '../../api/client.js';
import type { Identification, Items } from '../../api/types.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { ErrorNotice } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import { skills } from '../nightcare/types.js';

const empty = { task: '', windowStart: '23:30', windowEnd: '01:00', durationMinutes: '20', priority: '1', careAgreement: '' };

/** RFC 5545 weekday codes by `Date.getUTCDay()`. */
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** The rule for a repeat choice, over nights starting on `night`'s weekday for a weekly one. */
const ruleFor = (repeat: string, night: string) => (repeat === 'daily' ? 'FREQ=DAILY' : `FREQ=WEEKLY;BYDAY=${WEEKDAYS[new Date(`${night}T12:00:00Z`).getUTCDay()]}`);

/** A planned night visit for a client of the coordinator's own organisation. */
export function VisitForm({ night, onAdded }: { night: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmit('plannedVisit');
  const [q, setQ] = useState('');
  const [clients, setClients] = useState<Identification[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [clientId, setClientId] = useState('');
  const [form, setForm] = useState(empty);
  const [required, setRequired] = useState<string[]>([]);
  const [added, setAdded] = useState(false);
  const [repeat, setRepeat] = useState<'once' | 'daily' | 'weekly'>('once');

  const search = async () => {
    setSearchError(null);
    try {
      setClients((await get<Items<Identification>>(withQuery('/api/clients', { q: q.trim() || undefined }))).items.filter((c) => c.ownOrganisation));
    } catch (e) {
      setSearchError(e);
    }
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    const visit = { clientId, task: form.task, windowStart: form.windowStart, windowEnd: form.windowEnd, durationMinutes: Number(form.durationMinutes), requiredSkills: required, priority: Number(form.priority) };
    const request = (): Promise<void> =>
      repeat === 'once' ? post('/api/planning/visits', { ...visit, night }) : post('/api/planning/series', { ...visit, firstNight: night, careAgreement: form.careAgreement, rrule: ruleFor(repeat, night) });
    if (await submit.run(request)) {
      setForm(empty);
      setRequired([]);
      setRepeat('once');
      setAdded(true);
      onAdded();
    }
  };
  const labels: Record<string, string> = {
    clientId: t('planning.form.client'),
    task: t('planning.form.task'),
    windowStart: t('planning.form.windowStart'),
    windowEnd: t('planning.form.windowEnd'),
    durationMinutes: t('planning.form.duration'),
    priority: t('planning.form.priority'),
    careAgreement: t('planner.series.careAgreement'),
    rrule: t('planner.series.repeat'),
  };
  const field = (name: keyof typeof empty, type = 'text') => (
    <TextField path={name} label={labels[name]!} type={type} errors={submit.errors} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
  );

  return (
    <section className="card" aria-labelledby="visit-form-title">
      <h2 id="visit-form-title" className="nc-section-title">
        {t('planning.form.title')}
      </h2>
      <p className="muted">{t('planning.form.intro')}</p>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
      {added && <p className="notice notice--ok">{t('planning.form.added')}</p>}
      <form className="form" onSubmit={(e) => void send(e)} noValidate>
        <div className="field">
          <label htmlFor="visit-client-q">{t('planning.form.searchClient')}</label>
          <div className="nc-inline">
            <input id="visit-client-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
            <button type="button" className="button button--secondary" onClick={() => void search()}>
              {t('nightcare.clientSearch.search')}
            </button>
          </div>
        </div>
        {searchError !== null && <ErrorNotice error={searchError} />}
        {clients && (
          <div className={`field${submit.errors.clientId ? ' field--invalid' : ''}`}>
            <label htmlFor="f-clientId">{labels.clientId}</label>
            {submit.errors.clientId && <p className="field__error">{submit.errors.clientId}</p>}
            <select id="f-clientId" value={clientId} onChange={(e) => setClientId(e.target.value)}>
              <option value="">{t('planning.form.chooseClient', { count: clients.length })}</option>
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.familyName}, {c.givenName} · {c.street} {c.houseNumber}, {c.city}
                </option>
              ))}
            </select>
          </div>
        )}
        {field('task')}
        <div className="grid-2">
          {field('windowStart', 'time')}
          {field('windowEnd', 'time')}
          {field('durationMinutes', 'number')}
          {field('priority', 'number')}
        </div>
        <div className="field">
          <label htmlFor="visit-repeat">{t('planner.series.repeat')}</label>
          <select id="visit-repeat" value={repeat} onChange={(e) => setRepeat(e.target.value as typeof repeat)}>
            <option value="once">{t('planner.series.once')}</option>
            <option value="daily">{t('planner.series.daily')}</option>
            <option value="weekly">{t('planner.series.weekly')}</option>
          </select>
        </div>
        {repeat !== 'once' && field('careAgreement')}
        <fieldset className="choice">
          <legend>{t('planning.form.skills')}</legend>
          {skills.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={required.includes(s)} onChange={(e) => setRequired(e.target.checked ? [...required, s] : required.filter((x) => x !== s))} /> {t(`nightcare.skills.${s}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={submit.busy || !clientId}>
          {t('planning.form.submit')}
        </button>
      </form>
    </section>
  );
}
