import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { get, post } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { ErrorNotice, Loading, ProgressBar } from '../../components/status.js';
import { localDate, formatNumber, formatTime } from '../nightcare/format.js';
import { useApi } from '../../api/use-api.js';
import { Gantt } from './gantt.js';
import { nurseColour, UNASSIGNED_COLOUR, type PlanningRun } from './types.js';
import { SeriesList } from './series-list.js';
import { VisitForm } from './visit-form.js';
import { VisitList } from './visit-list.js';
import '../nightcare/nightcare.css';
import './planning.css';

const RegionMap = lazy(async () => ({ default: (await import('../../components/map/region-map.js')).RegionMap }));

/** The solver's time budget: the API's bounds, and its default. */
const BUDGET = { min: 0.2, max: 60, initial: 5 };
const POLL_MS = 400;

/** Which roads the run's travel times rest on: the alliance's OSRM server, or the estimate (and why). */
function roadsNote(t: (key: string, options?: Record<string, string>) => string, run: PlanningRun): string {
  if (run.roads === 'osrm') return t('planning.run.roadsOsrm');
  return run.roadsWarning ? t('planning.run.roadsFallback', { reason: run.roadsWarning }) : t('planning.run.roadsEstimate');
}

function RunProgress({ run, onStop }: { run: PlanningRun; onStop: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={`card nc-run nc-run--${run.status}`} role="status" aria-live="polite">
      {run.status === 'running' ? <ProgressBar label={t('planning.run.running')} value={run.elapsedMs} max={run.timeLimitMs} /> : <p className="nc-run__title">{t(`planning.run.${run.status}`)}</p>}
      <ul className="nc-figures">
        <li className="nc-figure">
          {t('planning.run.elapsed')} <strong>{formatNumber(run.elapsedMs / 1000, 1)} s</strong>
        </li>
        <li className="nc-figure">
          {t('planning.run.iterations')} <strong>{formatNumber(run.iterations)}</strong>
        </li>
        <li className="nc-figure">
          {t('planning.run.travel')} <strong>{formatNumber(run.travelMinutes)} min</strong>
        </li>
        <li className="nc-figure">
          {t('planning.run.unassigned')} <strong>{formatNumber(run.unassigned)}</strong>
        </li>
      </ul>
      <p className={run.roadsWarning ? 'notice notice--warning' : 'muted'}>{roadsNote(t, run)}</p>
      {run.stoppedEarly && <p className="muted">{t('planning.run.stoppedEarly')}</p>}
      {run.status === 'running' && (
        <button type="button" className="button" disabled={run.stopRequested} onClick={onStop}>
          {run.stopRequested ? t('planning.run.stopping') : t('planning.run.stop')}
        </button>
      )}
    </div>
  );
}

/** Follows a planning run until it ends, then tells the page to redraw. */
function usePlanningRun(runId: string | null, onDone: () => void): { run: PlanningRun | null; error: unknown } {
  const [run, setRun] = useState<PlanningRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await get<PlanningRun>(`/api/planning/runs/${runId}`);
        if (stopped) return;
        setRun(next);
        if (next.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
        else onDone();
      } catch (e) {
        if (!stopped) setError(e);
      }
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [runId, onDone]);
  return { run, error };
}

/** The night planner: planned visits per nurse on the map and as a timeline, and the solver run. */
export function PlannerPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const night = params.get('night') ?? localDate();
  const overview = useApi('GET /api/planning/nights/{night}', { path: { night } });
  const [runId, setRunId] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [budget, setBudget] = useState(String(BUDGET.initial));
  const budgetSeconds = Number(budget);
  const budgetValid = budget.trim() !== '' && budgetSeconds >= BUDGET.min && budgetSeconds <= BUDGET.max;
  const { reload } = overview;
  const { run, error: runError } = usePlanningRun(runId, reload);
  const shown = run ?? overview.data?.lastRun ?? null;
  const running = run?.status === 'running' || (runId !== null && run === null);

  const stop = async () => {
    if (!run) return;
    try {
      await post(`/api/planning/runs/${run.id}/stop`);
    } catch (e) {
      setStartError(e);
    }
  };

  const start = async () => {
    setStartError(null);
    try {
      setRunId((await post<ApiJson<'POST /api/planning/nights/{night}/solve'>>(`/api/planning/nights/${night}/solve`, { timeLimitSeconds: budgetSeconds })).runId);
    } catch (e) {
      setStartError(e);
    }
  };

  const data = overview.data;
  const colours = useMemo(() => new Map(data?.nurses.map((n, i) => [n.userId, nurseColour(i)]) ?? []), [data]);
  const points = useMemo(() => data?.visits.map((v) => ({ id: v.id, latitude: v.latitude, longitude: v.longitude, colour: (v.assignedUserId && colours.get(v.assignedUserId)) || UNASSIGNED_COLOUR })) ?? [], [data, colours]);
  const lines = useMemo(
    () =>
      data?.nurses.map((n) => {
        const stops = data.visits.filter((v) => v.assignedUserId === n.userId).sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
        const start: [number, number][] = n.latitude !== null && n.longitude !== null ? [[n.longitude, n.latitude]] : [];
        return { id: n.userId, colour: colours.get(n.userId) ?? UNASSIGNED_COLOUR, coordinates: [...start, ...stops.map((v): [number, number] => [v.longitude, v.latitude])] };
      }).filter((l) => l.coordinates.length > 1) ?? [],
    [data, colours],
  );
  const markers = useMemo(() => data?.nurses.filter((n) => n.latitude !== null && n.longitude !== null).map((n) => ({ id: n.userId, latitude: n.latitude!, longitude: n.longitude!, label: n.name, colour: colours.get(n.userId) })) ?? [], [data, colours]);

  return (
    <div className="nc-wide planner">
      <div className="page__head">
        <h1>{t('planning.title')}</h1>
      </div>
      <form className="nc-toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="planner-night">{t('planning.night')}</label>
          <input id="planner-night" type="date" value={night} onChange={(e) => e.target.value && setParams({ night: e.target.value })} />
        </div>
        <div className={`field${budgetValid ? '' : ' field--invalid'}`}>
          <label htmlFor="planner-budget">{t('planner.budget.label')}</label>
          <p className="field__hint" id="planner-budget-hint">
            {t('planner.budget.hint', { min: formatNumber(BUDGET.min, 1), max: BUDGET.max })}
          </p>
          <input id="planner-budget" type="number" inputMode="decimal" min={BUDGET.min} max={BUDGET.max} step="any" value={budget} aria-describedby="planner-budget-hint" aria-invalid={!budgetValid || undefined} onChange={(e) => setBudget(e.target.value)} />
        </div>
        {/* Recurring visits appear when the night is planned, so a night without visits yet can be planned too. */}
        <button type="button" className="button button--primary" disabled={running || !data || !budgetValid} onClick={() => void start()}>
          {running ? t('planning.planning') : t('planning.plan')}
        </button>
      </form>
      {startError !== null && <ErrorNotice error={startError} />}
      {runError !== null && <ErrorNotice error={runError} />}
      {overview.loading && <Loading />}
      {overview.error && <ErrorNotice error={overview.error} />}
      {data && (
        <>
          <p className="muted">
            {t('planning.summary', { visits: data.visits.length, nurses: data.nurses.length, from: formatTime(data.shift.startsAt, data.shift.zone), to: formatTime(data.shift.endsAt, data.shift.zone) })}
          </p>
          {shown && <RunProgress run={shown} onStop={() => void stop()} />}
          <div className="planner__grid">
            <section aria-labelledby="timeline-title" className="card planner__timeline">
              <h2 id="timeline-title" className="nc-section-title">
                {t('planning.timeline')}
              </h2>
              {data.nurses.length === 0 && data.visits.length === 0 ? <p className="muted">{t('planning.empty')}</p> : <Gantt overview={data} />}
            </section>
            <section aria-labelledby="planner-map-title">
              <h2 id="planner-map-title" className="nc-section-title">
                {t('planning.map')}
              </h2>
              <Suspense fallback={<Loading label={t('nightcare.map.loading')} />}>
                <RegionMap label={t('planning.mapLabel', { visits: points.length, nurses: markers.length })} points={points} lines={lines} markers={markers} />
              </Suspense>
            </section>
          </div>
          <VisitList overview={data} onChanged={reload} />
          <VisitForm night={night} onAdded={reload} />
          <SeriesList night={night} onChanged={reload} />
        </>
      )}
    </div>
  );
}
