import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';
import { QUESTIONS, type MunicipalityScans, type ScanRound } from './dashboard-types.js';
import { useFetch } from './use-fetch.js';
import './networkmap.css';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The quick-scan of the caller's own municipality: every round over time, read-only, with the municipality's own explanation. */
export function MunicipalityScanPage() {
  const { t } = useTranslation();
  const own = useFetch<{ id: string; name: string; network: string }[]>('/api/networkmap/municipalities/own');
  return (
    <main className="page networkmap" id="main">
      <h1>{t('networkmap.municipalityScan.title')}</h1>
      {own.error !== undefined && <ErrorNotice error={own.error} />}
      {!own.data && own.error === undefined && <Loading />}
      {own.data?.length === 0 && <p>{t('networkmap.municipalityScan.notLinked')}</p>}
      {own.data?.map((m) => <MunicipalityScan key={m.id} municipalityId={m.id} />)}
    </main>
  );
}

function MunicipalityScan({ municipalityId }: { municipalityId: string }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const { data, error } = useFetch<MunicipalityScans>(`/api/networkmap/municipalities/${municipalityId}/quick-scans?v=${version}`, true);
  if (!data) return error !== undefined ? <ErrorNotice error={error} /> : <Loading />;
  const headingId = `scan-${municipalityId}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('networkmap.municipalityScan.municipality', { municipality: data.municipality, network: data.network })}</h2>
      {data.rounds.length === 0 ? <p>{t('networkmap.municipalityScan.noRounds')}</p> : (
        <div className="networkmap-scroll" tabIndex={0} role="region" aria-label={t('networkmap.municipalityScan.overTime')}>
          <table className="networkmap-table">
            <caption>{t('networkmap.municipalityScan.overTime')}</caption>
            <thead><tr><th scope="col">{t('networkmap.dashboard.heldOn')}</th>{QUESTIONS.map((q) => <th key={q} scope="col">{t(`networkmap.scan.short.${q}`)}</th>)}<th scope="col">{t('networkmap.dashboard.average')}</th></tr></thead>
            <tbody>
              {data.rounds.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{formatDate(r.heldOn)}</th>
                  {QUESTIONS.map((q) => <td key={q}>{r.scores[q]}{r.change ? ` (${signed(r.change[q])})` : ''}</td>)}
                  <td>{r.average}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {[...data.rounds].reverse().map((r) => <RoundDetails key={r.id} round={r} canExplain={data.canExplain} onSaved={() => setVersion((v) => v + 1)} />)}
    </section>
  );
}

function RoundDetails({ round, canExplain, onSaved }: { round: ScanRound; canExplain: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState(round.municipalityNote);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();
  const date = formatDate(round.heldOn);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await put(`/api/networkmap/quick-scans/${round.id}/municipality-note`, { note });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const noteId = `note-${round.id}`;
  return (
    <article aria-labelledby={`round-${round.id}`}>
      <h3 id={`round-${round.id}`}>{t('networkmap.municipalityScan.round', { date })}</h3>
      <dl className="networkmap-facts">
        {QUESTIONS.map((q) => <Fragment key={q}><dt>{t(`networkmap.scan.${q}`)}</dt><dd>{t(`networkmap.scan.scale.${round.scores[q]}`)}{round.notes[q] ? `: ${round.notes[q]}` : ''}</dd></Fragment>)}
        {round.participants && <><dt>{t('networkmap.dashboard.participants')}</dt><dd>{round.participants}</dd></>}
        {!canExplain && <><dt>{t('networkmap.municipalityScan.explanation')}</dt><dd>{round.municipalityNote || '–'}</dd></>}
      </dl>
      {canExplain && (
        <form onSubmit={(e) => void save(e)}>
          {saved && <p className="notice notice--success" role="status">{t('networkmap.municipalityScan.saved')}</p>}
          {error !== undefined && <ErrorNotice error={error} />}
          <div className="field">
            <label htmlFor={noteId}>{t('networkmap.municipalityScan.explainLabel', { date })}</label>
            <textarea id={noteId} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="button">{t('networkmap.municipalityScan.save', { date })}</button>
        </form>
      )}
    </article>
  );
}
