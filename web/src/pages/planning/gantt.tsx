import { useTranslation } from 'react-i18next';
import { formatTime } from '../nightcare/format.js';
import { Tooltip } from './tooltip.js';
import { nurseColour, UNASSIGNED_COLOUR, type NightOverview, type PlannedVisit } from './types.js';

const HOUR = 3600_000;

function hourTicks(start: number, end: number): number[] {
  const ticks: number[] = [];
  // Whole hours in UTC are whole hours in Amsterdam too (offsets are whole hours).
  for (let t = Math.ceil(start / HOUR) * HOUR; t < end; t += HOUR) ticks.push(t);
  return ticks;
}

interface RowProps {
  label: string;
  colour: string;
  visits: PlannedVisit[];
  start: number;
  span: number;
  zone: string;
}

function Row({ label, colour, visits, start, span, zone }: RowProps) {
  const { t } = useTranslation();
  const pct = (instant: number) => `${Math.min(100, Math.max(0, ((instant - start) / span) * 100))}%`;
  const width = (from: number, to: number) => `${Math.max(0.4, ((Math.min(to, start + span) - Math.max(from, start)) / span) * 100)}%`;
  return (
    <li className="gantt__row">
      {/* The name column is narrow: the full name is in a tooltip (and in the legend). */}
      <Tooltip className="gantt__label" style={{ borderLeftColor: colour }} label={label} text={label}>
        <span className="gantt__name">{label}</span>
      </Tooltip>
      <span className="gantt__track">
        {visits.map((v) => {
          const ws = new Date(v.windowStart).getTime();
          const we = new Date(v.windowEnd).getTime();
          const ps = v.plannedStart ? new Date(v.plannedStart).getTime() : null;
          const who = v.clientName ?? t('planning.unknownClient');
          const title = t('planning.visitTitle', { client: who, task: v.task, from: formatTime(v.windowStart, zone), to: formatTime(v.windowEnd, zone), minutes: v.durationMinutes, start: ps ? formatTime(v.plannedStart, zone) : '—' });
          return (
            <span key={v.id} className="gantt__visit">
              {ps !== null && <span className="gantt__bar" aria-hidden="true" style={{ left: pct(ps), width: width(ps, ps + v.durationMinutes * 60_000), background: colour }} />}
              <Tooltip className="gantt__window" style={{ left: pct(ws), width: width(ws, we), borderColor: colour }} label={`${label}: ${title}`} text={`${label} · ${title}`} />
            </span>
          );
        })}
      </span>
    </li>
  );
}

/** What the colours and shapes mean: each nurse's colour with her full name, the window and the planned time. */
function Legend({ overview }: { overview: NightOverview }) {
  const { t } = useTranslation();
  return (
    <div className="gantt__legend">
      <h3 className="visually-hidden">{t('planner.legend.title')}</h3>
      <ul aria-label={t('planner.legend.title')}>
        <li>
          <span className="gantt__key gantt__key--window" aria-hidden="true" /> {t('planner.legend.window')}
        </li>
        <li>
          <span className="gantt__key gantt__key--bar" aria-hidden="true" /> {t('planner.legend.planned')}
        </li>
        {overview.nurses.map((n, i) => (
          <li key={n.userId}>
            <span className="gantt__key" style={{ background: nurseColour(i) }} aria-hidden="true" /> {n.name}
          </li>
        ))}
        <li>
          <span className="gantt__key" style={{ background: UNASSIGNED_COLOUR }} aria-hidden="true" /> {t('planner.legend.unassigned')}
        </li>
      </ul>
    </div>
  );
}

/** The night as a timeline: one row per nurse, each visit's window (outline) and planned time (bar), in the alliance's zone. */
export function Gantt({ overview }: { overview: NightOverview }) {
  const { t } = useTranslation();
  const start = new Date(overview.shift.startsAt).getTime();
  const end = new Date(overview.shift.endsAt).getTime();
  const span = Math.max(HOUR, end - start);
  const zone = overview.shift.zone;
  const byNurse = (userId: string | null) => overview.visits.filter((v) => v.assignedUserId === userId).sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  const unassigned = byNurse(null);
  return (
    <div className="gantt" role="group" aria-label={t('planning.timelineLabel')}>
      <Legend overview={overview} />
      <div className="gantt__scroll">
        <div className="gantt__axis" aria-hidden="true">
          <span className="gantt__label" />
          <span className="gantt__track">
            {hourTicks(start, end).map((tick) => (
              <span key={tick} className="gantt__tick" style={{ left: `${((tick - start) / span) * 100}%` }}>
                {formatTime(new Date(tick).toISOString(), zone)}
              </span>
            ))}
          </span>
        </div>
        <ul className="gantt__rows">
          {overview.nurses.map((n, i) => (
            <Row key={n.userId} label={n.name} colour={nurseColour(i)} visits={byNurse(n.userId)} start={start} span={span} zone={zone} />
          ))}
          {unassigned.length > 0 && <Row label={t('planning.unassignedRow', { count: unassigned.length })} colour={UNASSIGNED_COLOUR} visits={unassigned} start={start} span={span} zone={zone} />}
        </ul>
      </div>
    </div>
  );
}
