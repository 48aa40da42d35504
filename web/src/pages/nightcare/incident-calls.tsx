import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, SelectField, TextField } from '../../components/form.js';
import { ErrorNotice } from '../../components/status.js';
import { useNow } from '../../components/use-now.js';
import { useSubmit } from '../../components/use-submit.js';
import { formPaths } from './form-paths.js';
import { formatTime } from './format.js';
import './roster.css';

const parties = ['family', 'gp_post', 'alarm_centre', 'other'] as const;
/** Due times a coordinator promises on the phone; minutes from now. */
const dueChoices = [10, 15, 30, 60, 120] as const;

function CallBackForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const paths = formPaths(`cb-${incidentId}`);
  const submit = useSubmit();
  const [draft, setDraft] = useState({ party: 'family', name: '', phone: '', minutes: '30' });
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const dueAt = new Date(Date.now() + Number(draft.minutes) * 60_000).toISOString();
    if (await submit.run(() => post(`/api/nightcare/incidents/${incidentId}/call-backs`, { party: draft.party, name: draft.name, phone: draft.phone, dueAt }).then(() => undefined))) {
      setDraft({ ...draft, name: '', phone: '' });
      onDone();
    }
  };
  const errors = paths.errors(submit.errors);
  const labels: Record<string, string> = { party: t('callBacks.party'), name: t('callBacks.name'), phone: t('callBacks.phone'), dueAt: t('callBacks.within') };
  return (
    <form className="form nc-call-back-form" onSubmit={(e) => void send(e)} noValidate aria-label={t('callBacks.add')}>
      <ErrorSummary errors={errors} general={submit.general} labelFor={(path) => labels[paths.field(path)]} attempt={submit.attempt} />
      <SelectField path={paths.path('party')} label={labels.party!} errors={errors} value={draft.party} onChange={(e) => setDraft({ ...draft, party: e.target.value })}>
        {parties.map((p) => (
          <option key={p} value={p}>
            {t(`callBacks.parties.${p}`)}
          </option>
        ))}
      </SelectField>
      <TextField path={paths.path('name')} label={labels.name!} errors={errors} value={draft.name} maxLength={120} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      <TextField path={paths.path('phone')} label={labels.phone!} errors={errors} type="tel" value={draft.phone} maxLength={40} onChange={(e) => setDraft({ ...draft, phone: e.target.value })} />
      <SelectField path={paths.path('dueAt')} label={labels.dueAt!} errors={errors} value={draft.minutes} onChange={(e) => setDraft({ ...draft, minutes: e.target.value })}>
        {dueChoices.map((m) => (
          <option key={m} value={m}>
            {t('callBacks.minutes', { count: m })}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button--secondary" disabled={submit.busy}>
        {t('callBacks.add')}
      </button>
    </form>
  );
}

/** A call in or out that needs no call-back, for the incident's log. */
function CallLogForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const paths = formPaths(`call-${incidentId}`);
  const submit = useSubmit();
  const [draft, setDraft] = useState({ direction: 'in', party: 'family', name: '', note: '' });
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const body = { direction: draft.direction, party: draft.party, name: draft.name, ...(draft.note.trim() ? { note: draft.note } : {}) };
    if (await submit.run(() => post(`/api/nightcare/incidents/${incidentId}/calls`, body).then(() => undefined))) {
      setDraft({ ...draft, name: '', note: '' });
      onDone();
    }
  };
  const errors = paths.errors(submit.errors);
  const labels: Record<string, string> = { direction: t('callBacks.directionLabel'), party: t('callBacks.party'), name: t('callBacks.name'), note: t('callBacks.note') };
  return (
    <form className="form nc-call-back-form" onSubmit={(e) => void send(e)} noValidate aria-label={t('callBacks.logCall')}>
      <ErrorSummary errors={errors} general={submit.general} labelFor={(path) => labels[paths.field(path)]} attempt={submit.attempt} />
      <SelectField path={paths.path('direction')} label={labels.direction!} errors={errors} value={draft.direction} onChange={(e) => setDraft({ ...draft, direction: e.target.value })}>
        <option value="in">{t('callBacks.incoming')}</option>
        <option value="out">{t('callBacks.outgoing')}</option>
      </SelectField>
      <SelectField path={paths.path('party')} label={labels.party!} errors={errors} value={draft.party} onChange={(e) => setDraft({ ...draft, party: e.target.value })}>
        {parties.map((p) => (
          <option key={p} value={p}>
            {t(`callBacks.parties.${p}`)}
          </option>
        ))}
      </SelectField>
      <TextField path={paths.path('name')} label={labels.name!} errors={errors} value={draft.name} maxLength={120} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      <TextField path={paths.path('note')} label={labels.note!} errors={errors} value={draft.note} maxLength={500} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
      <button type="submit" className="button button--secondary" disabled={submit.busy}>
        {t('callBacks.logCall')}
      </button>
    </form>
  );
}

/** One incident's call-backs and call log, for the coordinator's panel. */
export function IncidentCalls({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const calls = useApi('GET /api/nightcare/incidents/{id}/calls', { path: { id: incidentId } });
  const now = useNow(30_000);
  const [error, setError] = useState<unknown>(null);
  const done = async (id: string) => {
    setError(null);
    try {
      await post(`/api/nightcare/call-backs/${id}/done`, {});
      calls.reload();
    } catch (e) {
      setError(e);
    }
  };
  const data = calls.data;
  return (
    <section aria-labelledby={`calls-${incidentId}`} className="nc-calls">
      <h3 id={`calls-${incidentId}`}>{t('callBacks.incidentTitle')}</h3>
      {calls.error && <ErrorNotice error={calls.error} />}
      {error !== null && <ErrorNotice error={error} />}
      {data && data.callBacks.length > 0 && (
        <ul className="nc-list">
          {data.callBacks.map((c) => {
            const late = c.doneAt === null && new Date(c.dueAt).getTime() <= now;
            return (
              <li key={c.id} className={`nc-call-back${late ? ' nc-call-back--overdue' : ''}`}>
                <span>
                  <strong>{c.name}</strong> <span className="muted">· {t(`callBacks.parties.${c.party}`)}</span> · <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a>
                  <br />
                  {c.doneAt ? <span>{t('callBacks.doneAt', { time: formatTime(c.doneAt) })}</span> : late ? <strong className="nc-call-back__late">{t('callBacks.overdueSince', { time: formatTime(c.dueAt) })}</strong> : <span>{t('callBacks.due', { time: formatTime(c.dueAt) })}</span>}
                </span>
                {c.doneAt === null && (
                  <button type="button" className="button button--secondary button--small" onClick={() => void done(c.id)}>
                    {t('callBacks.markDone')}
                    <span className="visually-hidden"> {c.name}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <CallBackForm incidentId={incidentId} onDone={calls.reload} />
      {data && data.log.length > 0 && (
        <>
          <h4>{t('callBacks.log')}</h4>
          <ol className="nc-events">
            {data.log.map((l) => (
              <li key={l.id} className="nc-event">
                <time dateTime={l.at}>{formatTime(l.at)}</time>
                <span>
                  <strong>{t(`callBacks.direction.${l.direction}`, { name: l.name })}</strong> <span className="muted">· {t(`callBacks.parties.${l.party}`)} · {l.loggedByName}</span>
                  {l.note && <span className="nc-event__text muted">{l.note}</span>}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      <details>
        <summary>{t('callBacks.logCall')}</summary>
        <CallLogForm incidentId={incidentId} onDone={calls.reload} />
      </details>
    </section>
  );
}
