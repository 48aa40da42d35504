import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { useInvalidate } from '../../api/use-api.js';
import { ErrorNotice } from '../../components/status.js';

const pathways = ['hospital_discharge', 'copd_flare_up', 'last_phase'] as const;

/** A professional of the person's organisation opens the circle for a person who cannot; the person or representative runs it. */
export function OpenCircleForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [relation, setRelation] = useState<'self' | 'representative'>('representative');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await post(`/api/circles/${clientId}`, { runBy: { relation, name, email }, consentGiven: consent });
      invalidate('GET /api/circles/{clientId}');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="card form" onSubmit={(event) => void submit(event)}>
      <h2>{t('circles.staff.openTitle')}</h2>
      <p>{t('circles.staff.openExplain')}</p>
      <fieldset className="field">
        <legend>{t('circles.staff.relation')}</legend>
        {(['self', 'representative'] as const).map((r) => (
          <label key={r}>
            <input type="radio" name="run-relation" value={r} checked={relation === r} onChange={() => setRelation(r)} /> {t(`circles.staff.${r}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('circles.staff.runName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
      </label>
      <label className="field">
        <span>{t('circles.staff.runEmail')}</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
      </label>
      <label>
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} required /> {t('circles.staff.consent')}
      </label>
      <button type="submit" className="button">
        {t('circles.staff.open')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </form>
  );
}

/** Starts a pathway: each step becomes a task for the circle's member of the right kind, with its norm. */
export function StartPathwayForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [template, setTemplate] = useState<(typeof pathways)[number]>('hospital_discharge');
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await post(`/api/circles/${clientId}/pathways`, { template });
      invalidate('GET /api/circles/{clientId}/tasks');
      invalidate('GET /api/circles/{clientId}/timeline');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <h2>{t('circles.staff.pathwayTitle')}</h2>
      <label className="field">
        <span>{t('circles.staff.pathway')}</span>
        <select value={template} onChange={(e) => setTemplate(e.target.value as (typeof pathways)[number])}>
          {pathways.map((p) => (
            <option key={p} value={p}>
              {t(`circles.staff.pathways.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        {t('circles.staff.start')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </form>
  );
}
