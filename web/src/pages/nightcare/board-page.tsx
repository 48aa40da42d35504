import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { useNow } from '../../components/use-now.js';
import { BoardFilters, filterIncidents, sortForBoard, type Filters } from './board-filters.js';
import { formatTime, minutesSince } from './format.js';
import { IncidentPanel } from './incident-panel.js';
import { IntakeSilenceAlert } from './intake-silence.js';
import { useApi, useInvalidate } from '../../api/use-api.js';
import { useLiveStream, type LiveIncidentEvent } from '../../api/use-live-stream.js';
import { ManualEntry } from './manual-entry.js';
import { NightDesk, deskRoutes } from './night-desk.js';
import { TechnicalQueue } from './technical-queue.js';
import { closedStatuses, urgencyColour, type Incident, type NurseOnDuty } from './types.js';
import { UrgencyBadge } from './urgency-badge.js';
import { AlertControls } from './alert-controls.js';
import { DeadlineTimer } from './deadline-timer.js';
import { OverdueAlerts } from './overdue-alerts.js';
import { useUrgencyAlerts } from './use-urgency-alerts.js';
import './nightcare.css';

// The map library is large: its own chunk, loaded only when a map is on screen.
const RegionMap = lazy(async () => ({ default: (await import('../../components/map/region-map.js')).RegionMap }));

const wideScreen = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 64rem)').matches;

function IncidentItem({ incident, selected, now, onSelect }: { incident: Incident; selected: boolean; now: number; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const client = incident.client;
  const closed = closedStatuses.includes(incident.status);
  return (
    <li className={`nc-item${closed ? ' nc-item--closed' : ''}`}>
      <button type="button" className="nc-item__button" aria-current={selected || undefined} onClick={() => onSelect(incident.id)}>
        <UrgencyBadge urgency={incident.urgency} />
        <span className="nc-item__body">
          {/* An unknown caller's account is what tells them apart: it wraps rather than being cut off. */}
          <span className={`nc-item__title${!client && incident.alarmAccount ? ' nc-item__title--wrap' : ''}`}>
            {client ? `${client.givenName} ${client.familyName}` : t('nightcare.board.unknownCaller')}
            {client && <span className="muted"> · {client.city}</span>}
            {!client && incident.alarmAccount && <span className="muted"> · {t('nightcare.board.alarmAccount', { account: incident.alarmAccount })}</span>}
          </span>
          <span className="nc-item__meta">
            {t(`nightcare.reasons.${incident.reason}`, { defaultValue: incident.reason })} · {formatTime(incident.receivedAt)}
            {closed ? incident.outcome && ` · ${t(`nightcare.outcomes.${incident.outcome}`, { defaultValue: incident.outcome })}` : ` · ${t('nightcare.board.minutesAgo', { count: minutesSince(incident.receivedAt, now) })}`}
          </span>
          <DeadlineTimer incident={incident} now={now} />
        </span>
        <span className={`badge nc-status nc-status--${incident.status}`}>{t(`nightcare.statuses.${incident.status}`)}</span>
      </button>
    </li>
  );
}

function NurseList({ nurses }: { nurses: NurseOnDuty[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="nurses-title">
      <h2 id="nurses-title" className="nc-section-title">
        {t('nightcare.board.nurses', { count: nurses.length })}
      </h2>
      {nurses.length === 0 ? (
        <p className="muted">{t('nightcare.board.noNurses')}</p>
      ) : (
        <ul className="nc-list nc-nurses">
          {nurses.map((n) => (
            <li key={n.userId}>
              <strong>{n.name}</strong>
              <span className="muted">
                {' · '}
                {n.positionAt ? t('nightcare.board.positionAt', { time: formatTime(n.positionAt) }) : t('nightcare.board.noPosition')}
                {n.skills.length > 0 && ` · ${n.skills.map((s) => t(`nightcare.skills.${s}`, { defaultValue: s })).join(', ')}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The coordinator's board: live list and map of incidents and nurses, with the selected incident beside them. */
export function BoardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const selected = params.get('incident');
  const board = useApi('GET /api/nightcare/incidents');
  const nurses = useApi('GET /api/nightcare/nurses');
  // "12 min geleden" keeps counting between live events.
  const now = useNow(15_000);
  const [filters, setFilters] = useState<Filters>({ status: 'open', urgency: '', organisation: '' });
  const [mapShown, setMapShown] = useState(wideScreen);
  const [entering, setEntering] = useState(false);
  // What the last action did, for screen readers; and the incident whose panel takes focus once loaded.
  const [announcement, setAnnouncement] = useState('');
  // The live region must not go on speaking the language just left.
  useEffect(() => setAnnouncement(''), [i18n.language]);
  const [focusPanelOf, setFocusPanelOf] = useState<string | null>(null);

  const invalidate = useInvalidate();
  // The changed incident refetches its own detail; what any change may move (the list, the nurses, the
  // proposals' ranking, the intake and technical queues) refetches whole. An empty list: anything may have changed.
  const onLive = useCallback(
    (events: LiveIncidentEvent[]) => {
      for (const route of ['GET /api/nightcare/incidents', 'GET /api/nightcare/nurses', 'GET /api/nightcare/supervision/status', 'GET /api/nightcare/incidents/{id}/proposals', ...deskRoutes] as const) invalidate(route);
      if (events.length === 0 || events.some((e) => e.incidentId === null)) invalidate('GET /api/nightcare/technical-alarms');
      if (events.length === 0) invalidate('GET /api/nightcare/incidents/{id}');
      for (const id of new Set(events.map((e) => e.incidentId))) if (id) invalidate('GET /api/nightcare/incidents/{id}', { path: { id } });
    },
    [invalidate],
  );
  const refresh = useCallback(() => onLive([]), [onLive]);
  const stream = useLiveStream('/api/nightcare/stream', onLive);

  const select = useCallback(
    (id: string | null) => {
      setParams((p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('incident', id);
        else next.delete('incident');
        return next;
      });
    },
    [setParams],
  );

  const all = useMemo(() => board.data?.items ?? [], [board.data]);
  const visible = useMemo(() => sortForBoard(filterIncidents(all, filters)), [all, filters]);
  const nurseItems = useMemo(() => nurses.data?.items ?? [], [nurses.data]);
  const points = useMemo(
    () => visible.filter((i) => i.latitude !== null && i.longitude !== null).map((i) => ({ id: i.id, latitude: i.latitude!, longitude: i.longitude!, colour: urgencyColour(i.urgency), selected: i.id === selected })),
    [visible, selected],
  );
  const markers = useMemo(() => nurseItems.filter((n) => n.latitude !== null && n.longitude !== null).map((n) => ({ id: n.userId, latitude: n.latitude!, longitude: n.longitude!, label: n.name })), [nurseItems]);
  const openCount = all.filter((i) => !closedStatuses.includes(i.status)).length;
  const who = useCallback((i: Incident) => (i.client ? `${i.client.givenName} ${i.client.familyName}` : t('nightcare.board.unknownCaller')), [t]);
  const alertTexts = useMemo(
    () => ({
      title: t('nightcare.board.title'),
      newAlarm: (i: Incident) => t('nightcare.urgency.notifyNew', { reason: t(`nightcare.reasons.${i.reason}`, { defaultValue: i.reason }), who: who(i) }),
      overdue: (i: Incident) => t('nightcare.urgency.notifyOverdue', { urgency: i.urgency, who: who(i) }),
    }),
    [t, who],
  );
  const alerts = useUrgencyAlerts(board.data?.items, now, alertTexts);

  return (
    <div className="nc-wide nc-board">
      <div className="page__head">
        <h1>{t('nightcare.board.title')}</h1>
        <p className={`nc-live nc-live--${stream}`} role="status">
          {t(`nightcare.board.stream.${stream}`)}
        </p>
        <button type="button" className="button button--primary" aria-expanded={entering} onClick={() => setEntering((e) => !e)}>
          {t('nightcare.manual.open')}
        </button>
      </div>
      <AlertControls alerts={alerts} />
      <IntakeSilenceAlert />
      <OverdueAlerts incidents={all} onSelect={select} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {entering && (
        <ManualEntry
          onClose={() => setEntering(false)}
          onCreated={(id) => {
            setEntering(false);
            refresh();
            setFocusPanelOf(id);
            setAnnouncement(t('nightcare.done.created'));
            select(id);
          }}
        />
      )}
      <div className="nc-board__grid">
        <div className="nc-board__side">
          <BoardFilters incidents={all} filters={filters} onChange={setFilters} />
          <section aria-labelledby="incidents-title" aria-busy={board.loading}>
            <h2 id="incidents-title" className="nc-section-title">
              {t('nightcare.board.incidents', { shown: visible.length, open: openCount })}
            </h2>
            {board.loading && <Loading />}
            {board.error && <ErrorNotice error={board.error} />}
            {board.data && visible.length === 0 && <Empty>{t('nightcare.board.empty')}</Empty>}
            <ul className="nc-list nc-incidents" aria-label={t('nightcare.board.listLabel')}>
              {visible.map((i) => (
                <IncidentItem key={i.id} incident={i} selected={i.id === selected} now={now} onSelect={select} />
              ))}
            </ul>
          </section>
          <NurseList nurses={nurseItems} />
          <NightDesk onSelect={select} />
          <TechnicalQueue />
        </div>
        <div className="nc-board__main">
          {/* The selected incident first: at 1280 x 800 it stands beside the list, in view, with the map below it. */}
          {selected ? <IncidentPanel key={selected} id={selected} nurses={nurseItems} focusOnLoad={focusPanelOf === selected} onChanged={refresh} onAnnounce={setAnnouncement} onClose={() => select(null)} /> : <p className="muted nc-hint">{t('nightcare.board.selectHint')}</p>}
          <div className="nc-map-toggle">
            <button type="button" className="button button--secondary button--small" aria-expanded={mapShown} onClick={() => setMapShown((s) => !s)}>
              {mapShown ? t('nightcare.board.hideMap') : t('nightcare.board.showMap')}
            </button>
            <span className="nc-legend" aria-hidden="true">
              {['U1', 'U2', 'U3', 'U4', 'U5', null].map((u) => (
                <span key={u ?? 'none'} className="nc-legend__item">
                  <span className="nc-legend__dot" style={{ background: urgencyColour(u) }} />
                  {u ?? t('nightcare.untriagedShort')}
                </span>
              ))}
            </span>
          </div>
          {mapShown && (
            <Suspense fallback={<Loading label={t('nightcare.map.loading')} />}>
              <RegionMap label={t('nightcare.board.mapLabel', { incidents: points.length, nurses: markers.length })} points={points} markers={markers} onSelect={select} />
            </Suspense>
          )}
        </div>
      </div>
    </div>
  );
}
