import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';
import { QUESTIONS, type Dashboard, type ScanHistory } from './dashboard-types.js';
import { MunicipalityLayer, scoreColour } from './municipality-layer.js';
import { MunicipalityLinks } from './municipality-links.js';
import { NeedForm } from './need-form.js';
import { ScanForm } from './scan-form.js';
import { useFetch } from './use-fetch.js';
import './networkmap.css';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The dashboard per network: municipalities covered, themes, quick-scan scores on a map and over time, gaps. */
export function DashboardPage() {
  const { t } = useTranslation();
  const networks = useFetch<{ id: string; name: string }[]>('/api/networkmap/networks');
  const [chosen, setChosen] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const networkId = chosen ?? networks.data?.[0]?.id;
  const dashboard = useFetch<Dashboard>(networkId ? `/api/networkmap/networks/${networkId}/dashboard?v=${version}` : undefined, true);
  const history = useFetch<ScanHistory[]>(networkId ? `/api/networkmap/networks/${networkId}/quick-scans?v=${version}` : undefined, true);
  const d = dashboard.data;
  const points = useMemo(() => (d?.municipalities ?? []).map((m) => ({
    ...m, colour: scoreColour(m.latestScan?.average ?? null), label: m.latestScan ? t('networkmap.dashboard.scoreLabel', { average: m.latestScan.average }) : t('networkmap.dashboard.noScan'),
  })), [d, t]);
  const error = networks.error ?? dashboard.error ?? history.error;
  return (
    <main className="page networkmap" id="main">
      <h1>{d ? t('networkmap.dashboard.title', { network: d.network.name }) : t('networkmap.dashboard.loading')}</h1>
      {error !== undefined && <ErrorNotice error={error} />}
      {(networks.data?.length ?? 0) > 1 && (
        <div className="field">
          <label htmlFor="dashboard-network">{t('networkmap.dashboard.network')}</label>
          <select id="dashboard-network" value={networkId} onChange={(e) => setChosen(e.target.value)}>{networks.data?.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}</select>
        </div>
      )}
      {!d && error === undefined && <Loading />}
      {d && (
        <>
          <p>{t('networkmap.dashboard.summary', { covered: d.municipalities.filter((m) => m.covered).length, total: d.municipalities.length, gaps: d.gaps.length, due: d.dueForVerification })}</p>
          <div className="networkmap-split">
            <section aria-labelledby="dash-municipalities" className="networkmap-scroll" tabIndex={0}>
              <h2 id="dash-municipalities">{t('networkmap.dashboard.municipalities')}</h2>
              <table className="networkmap-table">
                <thead><tr><th scope="col">{t('networkmap.dashboard.municipality')}</th><th scope="col">{t('networkmap.dashboard.initiatives')}</th><th scope="col">{t('networkmap.dashboard.latestScan')}</th><th scope="col">{t('networkmap.dashboard.needsGaps')}</th></tr></thead>
                <tbody>
                  {d.municipalities.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.name}</th>
                      <td>{m.covered ? m.initiatives : t('networkmap.dashboard.notCovered')}</td>
                      <td>{m.latestScan ? `${m.latestScan.average} (${formatDate(m.latestScan.heldOn)})` : t('networkmap.dashboard.noScan')}</td>
                      <td>{m.needs} / {m.gaps}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="dash-map">
              <h2 id="dash-map">{t('networkmap.dashboard.mapTitle')}</h2>
              <MunicipalityLayer points={points} label={t('networkmap.dashboard.mapLabel')} />
            </section>
          </div>
          <h2>{t('networkmap.dashboard.themes')}</h2>
          <ul>{d.themes.map((theme) => <li key={theme.theme}>{t(`networkmap.theme.${theme.theme}`)}: {theme.initiatives}</li>)}</ul>
          <h2>{t('networkmap.dashboard.gaps')}</h2>
          {d.gaps.length === 0 ? <p>{t('networkmap.dashboard.noGaps')}</p> : <ul>{d.gaps.map((g) => <li key={g.id}>{g.municipality}: {g.description} ({t(`networkmap.theme.${g.theme}`)}, {t(`networkmap.targetGroup.${g.targetGroup}`)})</li>)}</ul>}
          <section aria-labelledby="dash-history" className="networkmap-scroll" tabIndex={0}>
            <h2 id="dash-history">{t('networkmap.dashboard.overTime')}</h2>
            <table className="networkmap-table">
              <thead><tr><th scope="col">{t('networkmap.dashboard.municipality')}</th><th scope="col">{t('networkmap.dashboard.heldOn')}</th>{QUESTIONS.map((q) => <th key={q} scope="col">{t(`networkmap.scan.short.${q}`)}</th>)}<th scope="col">{t('networkmap.dashboard.average')}</th><th scope="col">{t('networkmap.dashboard.municipalityNote')}</th></tr></thead>
              <tbody>
                {(history.data ?? []).flatMap((m) => m.rounds.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{m.municipality}</th>
                    <td>{formatDate(r.heldOn)}</td>
                    {QUESTIONS.map((q) => <td key={q}>{r.scores[q]}{r.change ? ` (${signed(r.change[q])})` : ''}</td>)}
                    <td>{r.average}</td>
                    <td>{r.municipalityNote || t('networkmap.dashboard.noMunicipalityNote')}</td>
                  </tr>
                )))}
              </tbody>
            </table>
          </section>
          <MunicipalityLinks networkId={d.network.id} />
          <ScanForm dashboard={d} onSaved={() => setVersion((v) => v + 1)} />
          <NeedForm dashboard={d} onSaved={() => setVersion((v) => v + 1)} />
        </>
      )}
    </main>
  );
}
