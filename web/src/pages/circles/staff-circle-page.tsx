import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { post } from '../../api/client.js';
import type { ApiItem } from '../../api/types.js';
import { useApi, useInvalidate } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../i18n/format.js';
import { ApiError } from '../../api/client.js';
import { HelpSection } from './help-section.js';
import { MessagesSection } from './messages-section.js';
import { OpenCircleForm, StartPathwayForm } from './staff-forms.js';

type Task = ApiItem<'GET /api/circles/{clientId}/tasks'>;

/** A professional's move on a task: the server decides whether their organisation owns it. */
function TaskActions({ task, clientId }: { task: Task; clientId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const move = (what: 'accept' | 'complete') => async () => {
    setBusy(true);
    try {
      await post(`/api/circles/${clientId}/tasks/${task.id}/${what}`);
    } finally {
      setBusy(false);
      invalidate('GET /api/circles/{clientId}/tasks');
      invalidate('GET /api/circles/{clientId}/timeline');
    }
  };
  if (task.status === 'requested') return <button type="button" className="button button--small" disabled={busy} onClick={() => void move('accept')()}>{t('circles.staff.accept')}</button>;
  if (task.status === 'accepted') return <button type="button" className="button button--small" disabled={busy} onClick={() => void move('complete')()}>{t('circles.staff.complete')}</button>;
  return null;
}

/** The circle for professionals of the person's organisation or a member organisation: tasks with their norms, and one timeline. */
export function StaffCirclePage() {
  const { t } = useTranslation();
  const { clientId = '' } = useParams();
  const circle = useApi('GET /api/circles/{clientId}', { path: { clientId } });
  const scopes = circle.data?.scopes ?? [];
  const tasks = useApi('GET /api/circles/{clientId}/tasks', scopes.includes('circle_tasks') ? { path: { clientId } } : null);
  const timeline = useApi('GET /api/circles/{clientId}/timeline', scopes.includes('circle_tasks') ? { path: { clientId } } : null);
  // No circle yet (or none the caller may see): the person's own organisation may open one; the server decides.
  if (circle.state === 'error') return circle.error instanceof ApiError && circle.error.status === 404 ? <OpenCircleForm clientId={clientId} /> : <ErrorNotice error={circle.error} />;
  if (circle.state !== 'ok') return <Loading />;
  return (
    <>
      <h1>{t('circles.title', { name: circle.data.personName })}</h1>
      {circle.data.paused && <p className="badge">{t('circles.staff.inHospital')}</p>}
      {tasks.state === 'ok' && (
        <table className="table">
          <caption>{t('circles.tasks')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('circles.staff.task')}</th>
              <th scope="col">{t('circles.staff.due')}</th>
              <th scope="col">{t('circles.staff.state')}</th>
              <th scope="col">{t('circles.staff.action')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.items.map((task) => (
              <tr key={task.id}>
                <td>{task.pathwayStep ? t(`circles.steps.${task.pathwayStep}`) : task.title}</td>
                <td>{formatDateTime(task.windowEnd)}{task.escalated ? ` · ${t('circles.staff.overdue')}` : ''}</td>
                <td>{t(`circles.status.${task.status}`, { name: task.acceptedBy ?? '' })}</td>
                <td><TaskActions task={task} clientId={clientId} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {scopes.includes('circle_tasks') && <StartPathwayForm clientId={clientId} />}
      {scopes.includes('circle_tasks') && <HelpSection clientId={clientId} manage={scopes.includes('circle_manage')} />}
      {scopes.includes('circle_messages') && <MessagesSection clientId={clientId} />}
      {scopes.includes('circle_plan') && (
        <p>
          <a href={`/api/circles/${clientId}/plan.pdf`}>{t('circles.planPdf')}</a>
        </p>
      )}
      {timeline.state === 'ok' && (
        <section aria-labelledby="circle-timeline">
          <h2 id="circle-timeline">{t('circles.staff.timeline')}</h2>
          <ol>
            {timeline.data.items.map((event, index) => (
              <li key={index}>
                {formatDateTime(event.at)} · {t(`circles.events.${event.type}`)} · {event.actor}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
