import { useTranslation } from 'react-i18next';
import { formatNumber } from '../nightcare/format.js';
import { Share } from '../management/kpi-tables.js';
import type { Evaluation, Group, LeadTime } from './types.js';

function SpreadCells({ leadTime, span }: { leadTime: LeadTime; span: number }) {
  const { t } = useTranslation();
  if (leadTime.suppressed) return <td colSpan={span} className="muted">{t('evaluation.suppressed')}</td>;
  const hours = (x: number | null) => formatNumber(x, 1);
  return (
    <>
      <td>{formatNumber(leadTime.steps)}</td>
      <td><Share value={leadTime.withinNormShare} /></td>
      <td>{hours(leadTime.p25Hours)}</td>
      <td>{hours(leadTime.p50Hours)}</td>
      <td>{hours(leadTime.p75Hours)}</td>
      <td>{hours(leadTime.p90Hours)}</td>
      <td>{hours(leadTime.meanHours)}</td>
    </>
  );
}

function SpreadHeads() {
  const { t } = useTranslation();
  return (
    <>
      {(['steps', 'withinNorm', 'p25', 'median', 'p75', 'p90', 'mean'] as const).map((c) => (
        <th key={c} scope="col">{t(`evaluation.columns.${c}`)}</th>
      ))}
    </>
  );
}

/** Per organisation and pathway step: the norm and the lead times against it, as text beside the charts. */
export function RightTimeTable({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-labelledby="eval-right-time" tabIndex={0}>
      <table>
        <caption id="eval-right-time">{t('evaluation.rightTime.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluation.columns.organisation')}</th>
            <th scope="col">{t('evaluation.columns.step')}</th>
            <th scope="col">{t('evaluation.columns.norm')}</th>
            <SpreadHeads />
          </tr>
        </thead>
        <tbody>
          {evaluation.rightTime.map((r) => (
            <tr key={`${r.organisationId ?? 'informal'}-${r.step}`}>
              <th scope="row">{r.organisationName ?? t('evaluation.informal')}</th>
              <td>{t(`circles.steps.${r.step}`, { defaultValue: r.step })}</td>
              <td>{formatNumber(r.normHours, 1)}</td>
              <SpreadCells leadTime={r.leadTime} span={7} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Reach and lead times per group (neighbourhood or age group); a suppressed group keeps its row and says why. */
export function GroupTable({ id, caption, groups, name }: { id: string; caption: string; groups: Group[]; name: (key: string) => string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluation.columns.group')}</th>
            <th scope="col">{t('evaluation.columns.persons')}</th>
            <th scope="col">{t('evaluation.columns.withCircle')}</th>
            <th scope="col">{t('evaluation.columns.reach')}</th>
            <SpreadHeads />
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{name(g.key)}</th>
              {g.suppressed ? (
                <td colSpan={10} className="muted">{t('evaluation.suppressed')}</td>
              ) : (
                <>
                  <td>{formatNumber(g.persons)}</td>
                  <td>{formatNumber(g.withCircle)}</td>
                  <td><Share value={g.reachShare} /></td>
                  <SpreadCells leadTime={g.leadTime} span={7} />
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
