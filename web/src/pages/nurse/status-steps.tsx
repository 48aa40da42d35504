import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { post } from '../../api/client.js';
import { ActionButton } from './action-button.js';
import { OfferCountdown } from './countdown.js';
import { incidentUrl, reached } from './nurse-api.js';
import type { IncidentStatus, NurseIncident } from './types.js';
import { useAction } from './use-action.js';

const STEPS = ['assigned', 'accepted', 'en_route', 'on_site', 'completed'] as const;

/**
 * Where the incident stands: five segments, the ones behind filled, and one line of text. Five labels
 * side by side do not fit 360 px in Dutch, so only the current one is written out; the others are there
 * for screen readers.
 */
function StepTrail({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  const index = STEPS.indexOf(status as (typeof STEPS)[number]);
  return (
    <div className="nurse-trail">
      <ol className="nurse-steps">
        {STEPS.map((step, i) => (
          <li key={step} className={`nurse-steps__step${i < index ? ' is-done' : ''}${i === index ? ' is-current' : ''}`} aria-current={i === index ? 'step' : undefined}>
            <span className="visually-hidden">
              {t(`nurseApp.steps.${step}`)}
              {i < index && ` (${t('nurseApp.steps.done')})`}
            </span>
          </li>
        ))}
      </ol>
      {index >= 0 && (
        <p className="nurse-trail__caption" aria-hidden="true">
          {t('nurseApp.steps.caption', { step: index + 1, total: STEPS.length, label: t(`nurseApp.steps.${STEPS[index]}`) })}
        </p>
      )}
    </div>
  );
}

/**
 * The next step as one big button, in order: accept → on the way → on site → report & complete.
 * Each step is sent once (disabled while pending) and retried on network errors.
 */
export function StatusSteps({ incident, reporting, onReport, onChanged }: { incident: NurseIncident; reporting: boolean; onReport: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const step = useAction();
  const decline = useAction();
  const url = incidentUrl(incident.id);
  // The pressed button is replaced by the next step's: focus follows to it (or to the trail when there is
  // none), and the step reached is announced, so neither focus nor the news is lost.
  const region = useRef<HTMLDivElement>(null);
  const [movedFrom, setMovedFrom] = useState<IncidentStatus | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (movedFrom === null || incident.status === movedFrom) return;
    setMovedFrom(null);
    const index = STEPS.indexOf(incident.status as (typeof STEPS)[number]);
    if (index >= 0) setAnnouncement(t('nurseApp.steps.caption', { step: index + 1, total: STEPS.length, label: t(`nurseApp.steps.${STEPS[index]}`) }));
    const target = region.current?.querySelector<HTMLElement>('.nurse-progress__next button:not([disabled])') ?? region.current;
    target?.focus();
  }, [movedFrom, incident.status, t]);

  const move = async (path: string, body: unknown, target: string[]) => {
    const result = await step.run(() => post(`${url}/${path}`, body), { alreadyDone: reached(incident.id, target) });
    if (result.ok) setMovedFrom(incident.status);
    onChanged();
  };
  const onDecline = async () => {
    const result = await decline.run(() => post(`${url}/decline`), { alreadyDone: reached(incident.id, ['gone']) });
    if (result.ok) void navigate('/nurse');
  };

  let next: ReactNode;
  switch (incident.status) {
    case 'assigned':
      next = (
        <>
          <OfferCountdown expiresAt={incident.offerExpiresAt} />
          <ActionButton action={step} onRun={() => void move('accept', undefined, ['accepted', 'en_route', 'on_site'])} disabled={decline.busy}>
            {t('nurseApp.actions.accept')}
          </ActionButton>
          <ActionButton action={decline} onRun={() => void onDecline()} variant="secondary" disabled={step.busy}>
            {t('nurseApp.actions.decline')}
          </ActionButton>
        </>
      );
      break;
    case 'accepted':
      next = (
        <ActionButton action={step} onRun={() => void move('status', { status: 'en_route' }, ['en_route', 'on_site'])}>
          {t('nurseApp.actions.enRoute')}
        </ActionButton>
      );
      break;
    case 'en_route':
      next = (
        <ActionButton action={step} onRun={() => void move('status', { status: 'on_site' }, ['on_site'])}>
          {t('nurseApp.actions.onSite')}
        </ActionButton>
      );
      break;
    case 'on_site':
      next = reporting ? null : (
        <button type="button" className="button button--primary button--block" onClick={onReport}>
          {t('nurseApp.actions.report')}
        </button>
      );
      break;
    default:
      next = null;
  }
  return (
    <div className="nurse-progress" ref={region} tabIndex={-1}>
      <StepTrail status={incident.status} />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {next && <div className="nurse-progress__next">{next}</div>}
    </div>
  );
}
