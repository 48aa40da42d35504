import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { ErrorNotice } from '../../components/status.js';
import { localDate } from '../../i18n/format.js';
import { QUESTIONS, type Dashboard } from './dashboard-types.js';

/** A quick-scan round: the three questions on a 1–5 scale with an optional explanation, filled in with the municipality. */
export function ScanForm({ dashboard, onSaved }: { dashboard: Dashboard; onSaved: () => void }) {
  const { t } = useTranslation();
  const [municipalityId, setMunicipalityId] = useState(dashboard.municipalities[0]?.id ?? '');
  const [heldOn, setHeldOn] = useState(localDate());
  const [scores, setScores] = useState<Record<string, number>>({ workTogether: 3, findEachOther: 3, needsAligned: 3 });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [participants, setParticipants] = useState('');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await post('/api/networkmap/quick-scans', { municipalityId, heldOn, scores, notes: { workTogether: notes.workTogether ?? '', findEachOther: notes.findEachOther ?? '', needsAligned: notes.needsAligned ?? '' }, participants });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="scan-form">
      <h2 id="scan-form">{t('networkmap.dashboard.scanForm')}</h2>
      {saved && <p className="notice notice--success" role="status">{t('networkmap.dashboard.scanSaved')}</p>}
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="field">
        <label htmlFor="scan-municipality">{t('networkmap.dashboard.municipality')}</label>
        <select id="scan-municipality" value={municipalityId} onChange={(e) => setMunicipalityId(e.target.value)}>
          {dashboard.municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="scan-held-on">{t('networkmap.dashboard.heldOn')}</label>
        <input id="scan-held-on" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} required />
      </div>
      {QUESTIONS.map((q) => (
        <fieldset key={q}>
          <legend>{t(`networkmap.scan.${q}`)}</legend>
          <div className="networkmap-actions">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}><input type="radio" name={q} value={n} checked={scores[q] === n} onChange={() => setScores({ ...scores, [q]: n })} /> {t(`networkmap.scan.scale.${n}`)}</label>
            ))}
          </div>
          <label className="field">{t('networkmap.dashboard.note')}<textarea value={notes[q] ?? ''} onChange={(e) => setNotes({ ...notes, [q]: e.target.value })} rows={2} /></label>
        </fieldset>
      ))}
      <label className="field">{t('networkmap.dashboard.participants')}<input value={participants} onChange={(e) => setParticipants(e.target.value)} /></label>
      <button type="submit" className="button">{t('networkmap.dashboard.saveScan')}</button>
    </form>
  );
}
