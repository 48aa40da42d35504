import { useTranslation } from 'react-i18next';
import { postIdempotent } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { ActionStatus } from './action-button.js';
import { formatTime, mapsLinks } from './format.js';
import { useAction } from './use-action.js';

type Visit = NonNullable<ReturnType<typeof useApi<'GET /api/planning/my-visits'>>['data']>['items'][number];

const NEXT_STEP: Record<Visit['status'], 'en_route' | 'on_site' | 'done' | null> = { planned: 'en_route', en_route: 'on_site', on_site: 'done', done: null };

function VisitItem({ visit, onChanged }: { visit: Visit; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const next = NEXT_STEP[visit.status];
  const step = async () => {
    if (!next) return;
    // One key per step: a resend after a lost answer is applied once.
    const key = `${visit.id}:${next}`;
    await action.run(() => postIdempotent(`/api/planning/visits/${visit.id}/status`, { status: next }, key));
    onChanged();
  };
  const links = mapsLinks(visit.latitude, visit.longitude);
  return (
    <li className={`card nurse-visit nurse-visit--${visit.status}`} aria-labelledby={`visit-${visit.id}`}>
      <p className="nurse-visit__time">
        {visit.plannedStart ? formatTime(visit.plannedStart) : '–'} · {t('nurseApp.plan.window', { from: formatTime(visit.windowStart), to: formatTime(visit.windowEnd) })}
      </p>
      <h3 id={`visit-${visit.id}`}>{visit.client?.name ?? t('nurseApp.plan.unknownClient')}</h3>
      <p>{visit.task}</p>
      {visit.client && <p className="muted">{visit.client.address}</p>}
      <p className="muted">{t(`nurseApp.plan.status.${visit.status}`)}</p>
      {visit.status !== 'done' && (
        <p>
          <a href={links.google} target="_blank" rel="noreferrer">
            {t('nurseApp.plan.route')}
          </a>
        </p>
      )}
      {next && (
        <button type="button" className="button button--primary button--block" onClick={() => void step()} disabled={action.busy} aria-busy={action.busy}>
          {t(`nurseApp.plan.step.${next}`)}
        </button>
      )}
      <ActionStatus state={action.state} />
    </li>
  );
}

/** The planner's visits for the nurse tonight, in route order with their planned times. */
export function NightPlan() {
  const { t } = useTranslation();
  const plan = useApi('GET /api/planning/my-visits', { query: {} });
  return (
    <section aria-labelledby="plan-title" className="nurse-section">
      <h2 id="plan-title">{t('nurseApp.plan.title')}</h2>
      {plan.loading ? (
        <Loading />
      ) : plan.data ? (
        plan.data.items.length === 0 ? (
          <p className="status status--empty">{t('nurseApp.plan.empty')}</p>
        ) : (
          <ol className="nurse-plan">
            {plan.data.items.map((visit) => (
              <VisitItem key={visit.id} visit={visit} onChanged={plan.reload} />
            ))}
          </ol>
        )
      ) : (
        plan.error && <ErrorNotice error={plan.error} />
      )}
    </section>
  );
}
