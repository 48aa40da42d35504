import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { post } from '../../api/client.js';
import type { ApiItem } from '../../api/types.js';
import { useApi, useInvalidate } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { HelpSection } from './help-section.js';
import { InviteForm } from './invite-form.js';
import { NeighbourClaims } from './neighbourhood-help.js';
import { MessagesSection } from './messages-section.js';

type Task = ApiItem<'GET /api/circles/{clientId}/tasks'>;
type Consent = ApiItem<'GET /api/circles/{clientId}/consents'>;

/** A task's title: a pathway step by its translated name, else the words it was asked in. */
function TaskRow({ task, clientId }: { task: Task; clientId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const claim = async () => {
    setBusy(true);
    try {
      await post(`/api/circles/${clientId}/tasks/${task.id}/accept`);
    } finally {
      setBusy(false);
      invalidate('GET /api/circles/{clientId}/tasks');
    }
  };
  const title = task.pathwayStep ? t(`circles.steps.${task.pathwayStep}`) : task.title;
  return (
    <li className="card">
      <p>
        <strong>{title}</strong>
      </p>
      <p>{t(`circles.status.${task.status}`, { name: task.acceptedBy ?? '' })}</p>
      {task.status === 'requested' && !task.ownerOrganisationId && (
        <button type="button" className="button" onClick={() => void claim()} disabled={busy}>
          {t('circles.claim', { title })}
        </button>
      )}
    </li>
  );
}

/** A consent in plain words: who may see what, given by whom, since when; withdrawn ones say so. */
function ConsentLine({ consent }: { consent: Consent }) {
  const { t } = useTranslation();
  const what = consent.levels.filter((l) => l !== 'identification').map((l) => t(`circles.scope.${l}`)).join(', ');
  return <li>{t(consent.withdrawnAt ? 'circles.consent.withdrawn' : 'circles.consent.line', { who: consent.grantee.name, what, by: consent.givenBy })}</li>;
}

/** The circle around one person, for the person, their representative or a member: what each may see. */
export function CirclePage() {
  const { t } = useTranslation();
  const { clientId = '' } = useParams();
  const circle = useApi('GET /api/circles/{clientId}', { path: { clientId } });
  const scopes = circle.data?.scopes ?? [];
  const tasks = useApi('GET /api/circles/{clientId}/tasks', scopes.includes('circle_tasks') ? { path: { clientId } } : null);
  const consents = useApi('GET /api/circles/{clientId}/consents', scopes.includes('circle_manage') ? { path: { clientId } } : null);
  if (circle.state === 'error') return <ErrorNotice error={circle.error} />;
  if (circle.state !== 'ok') return <Loading />;
  return (
    <>
      <p>
        <Link to="/burger">{t('circles.back')}</Link>
      </p>
      <h1>{t('circles.title', { name: circle.data.personName })}</h1>
      {tasks.state === 'ok' && (
        <section aria-labelledby="circle-tasks">
          <h2 id="circle-tasks">{t('circles.tasks')}</h2>
          {tasks.data.items.length === 0 ? <p>{t('circles.noTasks')}</p> : <ul className="list">{tasks.data.items.map((task) => <TaskRow key={task.id} task={task} clientId={clientId} />)}</ul>}
        </section>
      )}
      {scopes.includes('circle_tasks') && <HelpSection clientId={clientId} manage={scopes.includes('circle_manage')} />}
      {scopes.includes('circle_manage') && <NeighbourClaims clientId={clientId} />}
      {scopes.includes('circle_messages') && <MessagesSection clientId={clientId} />}
      {scopes.includes('circle_plan') && (
        <p>
          <a href={`/api/circles/${clientId}/plan.pdf`}>{t('circles.planPdf')}</a>
        </p>
      )}
      {scopes.includes('circle_manage') && <InviteForm clientId={clientId} />}
      {consents.state === 'ok' && (
        <section aria-labelledby="circle-consents">
          <h2 id="circle-consents">{t('circles.consent.title')}</h2>
          <ul>{consents.data.items.map((c) => <ConsentLine key={c.id} consent={c} />)}</ul>
        </section>
      )}
    </>
  );
}

/** The circles a citizen runs or belongs to, on their home page. */
export function MyCircles() {
  const { t } = useTranslation();
  const circles = useApi('GET /api/citizen/circles');
  if (circles.state !== 'ok' || circles.data.items.length === 0) return null;
  return (
    <section aria-labelledby="my-circles">
      <h2 id="my-circles">{t('circles.mine')}</h2>
      <ul>
        {circles.data.items.map((c) => (
          <li key={c.clientId}>
            <Link to={`/burger/kring/${c.clientId}`}>{t('circles.title', { name: c.personName })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
