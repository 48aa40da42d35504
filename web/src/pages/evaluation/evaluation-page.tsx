import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { useMe } from '../../session/session.js';
import { bar, Chart } from '../management/chart.js';
import { Share } from '../management/kpi-tables.js';
import { formatMonth, formatNumber, formatTime } from '../nightcare/format.js';
import '../nightcare/nightcare.css';
import '../management/management.css';
import { GroupTable, RightTimeTable } from './evaluation-tables.js';
import { spreadChart } from './spread-chart.js';
import { csvFigures, type Evaluation } from './types.js';

const isEmpty = (e: Evaluation) => !e.hasCircles;

/** The headline figures of the three values: goals met, the person's own rating, the share carried by family and neighbours. */
function Headline({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const { goals, experience } = evaluation.personCentred;
  const social = evaluation.sociallyEmbedded;
  const hidden = t('evaluation.suppressed');
  return (
    <ul className="nc-figures">
      <li className="nc-figure">
        {t('evaluation.goals.label')} <strong>{goals.suppressed ? hidden : <Share value={goals.metShare} />}</strong>
        {goals.goals !== null && <span className="muted">{t('evaluation.goals.note', { met: goals.met, goals: goals.goals, persons: goals.persons })}</span>}
      </li>
      <li className="nc-figure">
        {t('evaluation.experience.label')} <strong>{experience.suppressed ? hidden : formatNumber(experience.median, 1)}</strong>
        {experience.persons !== null && <span className="muted">{t('evaluation.experience.note', { mean: formatNumber(experience.mean, 1), p25: formatNumber(experience.p25, 1), p75: formatNumber(experience.p75, 1), persons: experience.persons })}</span>}
      </li>
      <li className="nc-figure">
        {t('evaluation.social.label')} <strong>{social.suppressed ? hidden : <Share value={social.informalShare} />}</strong>
        {social.doneTasks !== null && <span className="muted">{t('evaluation.social.note', { informal: social.informal, done: social.doneTasks })}</span>}
      </li>
    </ul>
  );
}

function EvaluationCharts({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const ageName = useCallback((key: string) => t(`evaluation.ageGroups.${key}`, { defaultValue: key }), [t]);
  const options = useMemo(() => {
    const noData = t('evaluation.noData');
    const hours = t('evaluation.hours');
    const steps = evaluation.rightTime.map((r) => ({ label: `${r.organisationName ?? t('evaluation.informal')} · ${t(`circles.steps.${r.step}`, { defaultValue: r.step })}`, leadTime: r.leadTime }));
    const { neighbourhoods, ageGroups } = evaluation.equality;
    return {
      hours: bar(evaluation.economicallySustainable.map((m) => formatMonth(m.month)), [{ name: t('evaluation.economic.perPerson'), data: evaluation.economicallySustainable.map((m) => m.hoursPerPerson), colour: '#5c940d' }], { noData }),
      withinNorm: bar(steps.map((s) => s.label), [{ name: t('evaluation.columns.withinNorm'), data: evaluation.rightTime.map((r) => r.leadTime.withinNormShare), colour: '#1864ab' }], { percent: true, noData }),
      stepSpread: spreadChart(steps, hours),
      reach: bar(neighbourhoods.map((g) => g.key), [{ name: t('evaluation.columns.reach'), data: neighbourhoods.map((g) => g.reachShare), colour: '#0b4f6c' }], { percent: true, noData }),
      neighbourhoodSpread: spreadChart(neighbourhoods.map((g) => ({ label: g.key, leadTime: g.leadTime })), hours),
      ageReach: bar(ageGroups.map((g) => ageName(g.key)), [{ name: t('evaluation.columns.reach'), data: ageGroups.map((g) => g.reachShare), colour: '#0b4f6c' }], { percent: true, noData }),
      ageSpread: spreadChart(ageGroups.map((g) => ({ label: ageName(g.key), leadTime: g.leadTime })), hours),
    };
  }, [evaluation, t, ageName]);
  return (
    <>
      <h2>{t('evaluation.economic.title')}</h2>
      <div className="nc-charts">
        <Chart title={t('evaluation.economic.chart')} option={options.hours} />
      </div>
      <h2>{t('evaluation.rightTime.title')}</h2>
      <p className="muted">{t('evaluation.spreadNote')}</p>
      <div className="nc-charts">
        <Chart title={t('evaluation.rightTime.withinNorm')} option={options.withinNorm} />
        <Chart title={t('evaluation.rightTime.spread')} option={options.stepSpread} />
      </div>
      <RightTimeTable evaluation={evaluation} />
      <h2>{t('evaluation.equality.title')}</h2>
      <div className="nc-charts">
        <Chart title={t('evaluation.equality.reachByNeighbourhood')} option={options.reach} />
        <Chart title={t('evaluation.equality.spreadByNeighbourhood')} option={options.neighbourhoodSpread} />
        <Chart title={t('evaluation.equality.reachByAge')} option={options.ageReach} />
        <Chart title={t('evaluation.equality.spreadByAge')} option={options.ageSpread} />
      </div>
      <GroupTable id="eval-neighbourhoods" caption={t('evaluation.equality.neighbourhoodTable')} groups={evaluation.equality.neighbourhoods} name={(key) => key} />
      <GroupTable id="eval-age-groups" caption={t('evaluation.equality.ageTable')} groups={evaluation.equality.ageGroups} name={ageName} />
    </>
  );
}

/**
 * The evaluation of the care circles for the roles the alliance allows: aggregates only, small groups
 * suppressed, each figure also as CSV. A professional sees the whole alliance or their own organisation.
 */
export function EvaluationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filter, setFilter] = useState({ from: '', to: '', own: false });
  const query = { from: filter.from || undefined, to: filter.to || undefined, organisationId: filter.own ? me.activeOrganisationId ?? undefined : undefined };
  const result = useApi('GET /api/evaluation', { query });
  const e = result.data;
  return (
    <div className="nc-wide">
      <h1>{t('evaluation.title')}</h1>
      <p className="muted">{t('evaluation.intro', { count: e?.minGroup ?? 10 })}</p>
      <form className="nc-toolbar" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="eval-from">{t('evaluation.from')}</label>
          <input id="eval-from" type="date" value={filter.from || (e?.from ?? '')} onChange={(event) => setFilter({ ...filter, from: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="eval-to">{t('evaluation.to')}</label>
          <input id="eval-to" type="date" value={filter.to || (e?.to ?? '')} onChange={(event) => setFilter({ ...filter, to: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="eval-scope">{t('evaluation.scope.label')}</label>
          <select id="eval-scope" value={filter.own ? 'own' : 'alliance'} onChange={(event) => setFilter({ ...filter, own: event.target.value === 'own' })}>
            <option value="alliance">{t('evaluation.scope.alliance')}</option>
            <option value="own">{t('evaluation.scope.own')}</option>
          </select>
        </div>
      </form>
      {result.loading && <Loading />}
      {result.error && <ErrorNotice error={result.error} />}
      {e && isEmpty(e) && <Empty>{t('evaluation.empty')}</Empty>}
      {e && !isEmpty(e) && (
        <>
          <p className="muted">{t('evaluation.computedAt', { time: formatTime(e.computedAt) })}</p>
          <Headline evaluation={e} />
          <EvaluationCharts evaluation={e} />
          <section className="card">
            <h2 className="nc-section-title">{t('evaluation.csv.title')}</h2>
            <ul className="eval-downloads">
              {csvFigures.map((figure) => (
                <li key={figure}>
                  <a className="button button--secondary" href={withQuery('/api/evaluation.csv', { ...query, from: e.from, to: e.to, figure })} download>
                    {t(`evaluation.csv.${figure}`)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
