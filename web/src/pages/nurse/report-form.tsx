import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, postIdempotent } from '../../api/client.js';
import { CheckboxField, ErrorSummary, TextAreaField, TextField } from '../../components/form.js';
import { inputId } from '../../i18n/errors.js';
import { ActionStatus } from './action-button.js';
import { formErrors } from './field-errors.js';
import { incidentUrl, reached } from './nurse-api.js';
import type { NurseIncident } from './types.js';
import { useAction } from './use-action.js';
import { enqueue } from './outbox.js';

/** The actions a night nurse does most; sent in the nurse's words, since the day team reads them as written. */
export const commonActions = ['helped_up', 'checked_injuries', 'vital_signs', 'pain_relief', 'medication', 'catheter', 'wound', 'incontinence', 'repositioned', 'reassured', 'contacted_family', 'alarm_reset'] as const;

/** As the server computes it: from the on-site time to now, rounded. */
const minutesSince = (instant: string | null) => (instant ? Math.max(0, Math.round((Date.now() - new Date(instant).getTime()) / 60_000)) : 0);

/** Visit report and completion in one step, as the API takes them. */
export function ReportForm({ incident, onCompleted, onQueued }: { incident: NurseIncident; onCompleted: () => void; onQueued: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [otherAction, setOtherAction] = useState('');
  const [computed] = useState(() => minutesSince(incident.onSiteAt));
  const [minutes, setMinutes] = useState(() => String(computed));
  const [correctionReason, setCorrectionReason] = useState('');
  const [confirmReferral, setConfirmReferral] = useState(false);
  // One key per report: however often it is sent (a retry, the offline queue), the server applies it once.
  const [key] = useState(() => crypto.randomUUID());
  const [followUpNeeded, setFollowUpNeeded] = useState(false);
  const [cannotCope, setCannotCope] = useState(false);
  const [followUp, setFollowUp] = useState('');
  const [notes, setNotes] = useState('');
  const [attempt, setAttempt] = useState(0);
  const errors = action.state.phase === 'failed' ? formErrors(t, action.state.error, 'report') : {};
  const hasFieldErrors = Object.keys(errors).length > 0;
  const referralOpen = action.state.phase === 'failed' && action.state.error instanceof ApiError && action.state.error.code === 'REFERRAL_UNANSWERED';
  const corrected = minutes.trim() !== String(computed);

  useEffect(() => heading.current?.focus(), []);

  const toggle = (key: string, on: boolean) => setChosen((current) => (on ? [...current, key] : current.filter((k) => k !== key)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const actions = [...commonActions.filter((key) => chosen.includes(key)).map((key) => t(`nurseApp.report.actions.${key}`)), ...(otherAction.trim() ? [otherAction.trim()] : [])];
    // Unchanged, the server's own computation stands; a different figure is a correction and carries its reason.
    const corrected = minutes.trim() !== String(computed);
    const body = {
      actions,
      ...(corrected ? { minutesOnSite: minutes.trim() === '' ? null : Number(minutes), minutesCorrectionReason: correctionReason.trim() || undefined } : {}),
      ...(confirmReferral ? { confirmUnansweredReferral: true } : {}),
      followUpNeeded,
      followUp: followUpNeeded ? followUp : undefined,
      ...(cannotCope ? { caregiverCannotCope: true } : {}),
      notes: notes.trim() ? notes : undefined,
    };
    const url = `${incidentUrl(incident.id)}/complete`;
    if (!navigator.onLine) {
      // No connection (a cellar, a farm road): the report waits on the phone and goes out when the connection returns.
      await enqueue({ key, url, body });
      onQueued();
      return;
    }
    const result = await action.run(() => postIdempotent(url, body, key), { alreadyDone: reached(incident.id, ['completed']) });
    if (result.ok) onCompleted();
    else setAttempt((a) => a + 1);
  };
  // The summary writes "label: message"; a label that is a question loses its question mark there.
  const labelFor = (path: string) => t(`nurseApp.report.labels.${path}`, { defaultValue: '' }).replace(/\?$/, '') || undefined;

  return (
    <form className="nurse-report" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="report-title">
      <h2 id="report-title" ref={heading} tabIndex={-1}>
        {t('nurseApp.report.title')}
      </h2>
      <ErrorSummary errors={errors} labelFor={labelFor} attempt={attempt} />
      <fieldset className={`choice nurse-actions${errors.actions ? ' field--invalid' : ''}`} aria-describedby={errors.actions ? `${inputId('actions')}-error` : undefined}>
        <legend id={inputId('actions')} tabIndex={-1}>
          {t('nurseApp.report.labels.actions')}
        </legend>
        {errors.actions && (
          <p className="field__error" id={`${inputId('actions')}-error`}>
            {errors.actions}
          </p>
        )}
        {commonActions.map((key) => (
          <label key={key}>
            <input type="checkbox" name="actions" value={key} checked={chosen.includes(key)} onChange={(e) => toggle(key, e.target.checked)} />
            {t(`nurseApp.report.actions.${key}`)}
          </label>
        ))}
      </fieldset>
      <TextField path="otherAction" label={t('nurseApp.report.labels.otherAction')} value={otherAction} onChange={(e) => setOtherAction(e.target.value)} maxLength={200} />
      <TextField
        path="minutesOnSite"
        label={t('nurseApp.report.labels.minutesOnSite')}
        hint={t('nurseApp.report.minutesHint', { minutes: computed })}
        errors={errors}
        inputMode="numeric"
        pattern="[0-9]*"
        value={minutes}
        // Selected on focus: typing replaces the prefilled figure instead of appending to it.
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setMinutes(e.target.value)}
      />
      {corrected && (
        <TextField path="minutesCorrectionReason" label={t('nurseApp.report.labels.minutesCorrectionReason')} errors={errors} value={correctionReason} onChange={(e) => setCorrectionReason(e.target.value)} maxLength={500} required />
      )}
      <CheckboxField path="followUpNeeded" label={t('nurseApp.report.labels.followUpNeeded')} checked={followUpNeeded} onChange={(e) => setFollowUpNeeded(e.target.checked)} />
      <CheckboxField path="caregiverCannotCope" label={t('respiteLink.cannotCope')} checked={cannotCope} onChange={(e) => setCannotCope(e.target.checked)} />
      {followUpNeeded && <TextAreaField path="followUp" label={t('nurseApp.report.labels.followUp')} hint={t('nurseApp.report.followUpHint')} errors={errors} value={followUp} onChange={(e) => setFollowUp(e.target.value)} maxLength={2000} />}
      <TextAreaField path="notes" label={t('nurseApp.report.labels.notes')} errors={errors} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4000} />
      {(referralOpen || confirmReferral) && (
        <div className="nurse-confirm" role="alert">
          <p>{t('nurseApp.report.referralUnanswered')}</p>
          <CheckboxField path="confirmUnansweredReferral" label={t('nurseApp.report.labels.confirmUnansweredReferral')} checked={confirmReferral} onChange={(e) => setConfirmReferral(e.target.checked)} />
        </div>
      )}
      <button type="submit" className="button button--primary button--block" disabled={action.busy} aria-busy={action.busy}>
        {action.busy && <span className="spinner" aria-hidden="true" />}
        {t('nurseApp.report.submit')}
      </button>
      {/* Field problems are in the summary above; the status line carries progress and other failures. */}
      <ActionStatus state={hasFieldErrors || referralOpen ? { phase: 'idle' } : action.state} />
    </form>
  );
}
