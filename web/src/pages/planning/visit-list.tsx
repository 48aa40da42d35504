import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch } from '../../api/client.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';
import { formatTime } from '../nightcare/format.js';
import type { NightOverview, PlannedVisit } from './types.js';

/** Wall-clock `HH:MM` of an instant in the alliance's zone, as the edit form sends it back. */
const clockOf = (iso: string, zone: string) => formatTime(iso, zone);

function EditVisit({ visit, zone, onDone }: { visit: PlannedVisit; zone: string; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmit('plannedVisit');
  const [form, setForm] = useState({ task: visit.task, windowStart: clockOf(visit.windowStart, zone), windowEnd: clockOf(visit.windowEnd, zone), durationMinutes: String(visit.durationMinutes), priority: String(visit.priority) });
  const labels: Record<string, string> = { task: t('planning.form.task'), windowStart: t('planning.form.windowStart'), windowEnd: t('planning.form.windowEnd'), durationMinutes: t('planning.form.duration'), priority: t('planning.form.priority') };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const body = { task: form.task, windowStart: form.windowStart, windowEnd: form.windowEnd, durationMinutes: Number(form.durationMinutes), priority: Number(form.priority) };
    if (await submit.run(() => patch(`/api/planning/visits/${visit.id}`, body))) onDone();
  };
  // Its own ids: the add form on the same page has fields of the same names.
  const errors = Object.fromEntries(Object.entries(submit.errors).map(([path, message]) => [`edit-${path}`, message]));
  const field = (name: keyof typeof form, type = 'text') => (
    <TextField key={name} path={`edit-${name}`} label={labels[name]!} type={type} errors={errors} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
  );
  return (
    <form className="form" onSubmit={(e) => void send(e)} noValidate aria-label={t('planner.visits.editOf', { task: visit.task })}>
      <ErrorSummary errors={errors} general={submit.general} labelFor={(p) => labels[p.replace(/^edit-/, '')]} attempt={submit.attempt} />
      {field('task')}
      <div className="grid-2">
        {field('windowStart', 'time')}
        {field('windowEnd', 'time')}
        {field('durationMinutes', 'number')}
        {field('priority', 'number')}
      </div>
      <button type="submit" className="button button--primary" disabled={submit.busy}>
        {t('planner.visits.save')}
      </button>
    </form>
  );
}

function VisitItem({ visit, zone, nurse, onChanged }: { visit: PlannedVisit; zone: string; nurse: string | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useSubmit('plannedVisit');
  const who = visit.clientName ?? t('planning.unknownClient');
  const started = visit.status !== 'planned';
  return (
    <li className="card planner__visit">
      <p>
        <strong>{who}</strong>: {visit.task} · {formatTime(visit.windowStart, zone)}–{formatTime(visit.windowEnd, zone)}
        {visit.seriesId && <span className="badge">{t('planner.visits.recurring')}</span>} · {nurse ?? t('planner.visits.notPlanned')}
        {started && <> · {t(`planner.visits.status.${visit.status}`)}</>}
      </p>
      {remove.general && <p className="notice notice--error" role="alert">{remove.general}</p>}
      {!started && (
        <div className="gantt__visit-actions">
          <button type="button" className="button button--secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {t('planner.visits.edit')}
          </button>
          {confirming ? (
            <button type="button" className="button button--danger" disabled={remove.busy} onClick={() => void remove.run(() => del(`/api/planning/visits/${visit.id}`).then(onChanged))}>
              {t('planner.visits.confirmDelete', { task: visit.task })}
            </button>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
              {t('planner.visits.delete')}
            </button>
          )}
        </div>
      )}
      {editing && (
        <EditVisit
          visit={visit}
          zone={zone}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
    </li>
  );
}

/** The night's visits as a list, each changeable or deletable until it starts (the server decides who may). */
export function VisitList({ overview, onChanged }: { overview: NightOverview; onChanged: () => void }) {
  const { t } = useTranslation();
  const names = new Map(overview.nurses.map((n) => [n.userId, n.name]));
  if (overview.visits.length === 0) return null;
  return (
    <section aria-labelledby="visit-list-title">
      <h2 id="visit-list-title" className="nc-section-title">
        {t('planner.visits.title')}
      </h2>
      <ul className="planner__visits">
        {overview.visits.map((v) => (
          <VisitItem key={v.id} visit={v} zone={overview.shift.zone} nurse={(v.assignedUserId && names.get(v.assignedUserId)) || null} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}
