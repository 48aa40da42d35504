import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { SelectField, TextAreaField } from '../../components/form.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatDate, localDate } from '../../i18n/format.js';

type Overview = ApiJson<'GET /api/citizen/respite'>;
type Stay = Overview['stays'][number];

const isOpen = (s: Stay) => (s.status === 'requested' || s.status === 'booked') && !s.confirmed;
const isActive = (s: Stay) => s.status === 'requested' || s.status === 'booked';

/** One stay as a line of plain words: where, which nights, and what it is waiting for. */
function StayLine({ stay }: { stay: Stay }) {
  const { t } = useTranslation();
  const state = isActive(stay) ? (stay.confirmed ? `confirmed_${stay.status}` : 'proposed') : stay.status;
  return (
    <>
      <strong>{t('respiteCaregiver.nights', { from: formatDate(stay.from), to: formatDate(stay.to) })}</strong>
      {' · '}
      {stay.location}, {stay.city}
      {' · '}
      <span className="badge">{t(`respiteCaregiver.state.${state}`, { defaultValue: stay.status })}</span>
    </>
  );
}

/** A proposed series: all at once, or (per occurrence) the nights she ticks; the rest go to someone else. */
function SeriesCard({ stays, act }: { stays: Stay[]; act: (url: string, body?: unknown) => Promise<void> }) {
  const { t } = useTranslation();
  const first = stays[0];
  const open = stays.filter(isOpen);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(open.map((s) => s.id)));
  if (!first?.seriesId) return null;
  const perOccurrence = first.confirmation === 'per_occurrence';
  const toggle = (id: string) => setChosen((c) => new Set(c.has(id) ? [...c].filter((x) => x !== id) : [...c, id]));
  return (
    <li className="card">
      <h3>{t('respiteCaregiver.seriesTitle', { location: first.location, count: stays.length })}</h3>
      <p>{t(perOccurrence ? 'respiteCaregiver.perOccurrence' : 'respiteCaregiver.allOrNothing')}</p>
      <ul className="plain-list">
        {stays.map((stay) => (
          <li key={stay.id}>
            {perOccurrence && isOpen(stay) ? (
              <label>
                <input type="checkbox" checked={chosen.has(stay.id)} onChange={() => toggle(stay.id)} /> <StayLine stay={stay} />
              </label>
            ) : (
              <StayLine stay={stay} />
            )}
          </li>
        ))}
      </ul>
      {open.length > 0 && (
        <button type="button" className="button button--block" onClick={() => void act(`/api/citizen/respite/series/${first.seriesId}/confirm`, perOccurrence ? { stayIds: [...chosen] } : {})}>
          {t(perOccurrence ? 'respiteCaregiver.confirmChosen' : 'respiteCaregiver.confirmAll')}
        </button>
      )}
    </li>
  );
}

/** After a stay: a rating and a few words, from the caregiver and for the person who stayed. */
function FeedbackForm({ stay, act }: { stay: Stay; act: (url: string, body?: unknown) => Promise<void> }) {
  const { t } = useTranslation();
  const open = (['caregiver', 'person'] as const).filter((r) => !stay.feedback.includes(r));
  const [respondent, setRespondent] = useState(open[0] ?? 'caregiver');
  const [rating, setRating] = useState('4');
  const [comment, setComment] = useState('');
  if (open.length === 0) return <p>{t('respiteCaregiver.feedbackThanks')}</p>;
  const send = (event: FormEvent) => {
    event.preventDefault();
    void act(`/api/citizen/respite/stays/${stay.id}/feedback`, { respondent, rating: Number(rating), comment });
  };
  return (
    <form onSubmit={send}>
      <h3>{t('respiteCaregiver.feedbackTitle', { location: stay.location, from: formatDate(stay.from) })}</h3>
      <SelectField path={`respondent-${stay.id}`} label={t('respiteCaregiver.feedbackWho')} value={respondent} onChange={(e) => setRespondent(e.target.value as typeof respondent)}>
        {open.map((r) => (
          <option key={r} value={r}>{t(`respiteCaregiver.respondent.${r}`)}</option>
        ))}
      </SelectField>
      <SelectField path={`rating-${stay.id}`} label={t('respiteCaregiver.feedbackRating')} value={rating} onChange={(e) => setRating(e.target.value)}>
        {['5', '4', '3', '2', '1'].map((r) => (
          <option key={r} value={r}>{t(`respiteCaregiver.rating.${r}`)}</option>
        ))}
      </SelectField>
      <TextAreaField path={`comment-${stay.id}`} label={t('respiteCaregiver.feedbackComment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} rows={3} />
      <button type="submit" className="button button--block">{t('respiteCaregiver.feedbackSend')}</button>
    </form>
  );
}

/** The municipality's Wmo decision on the request in plain words: granted, or refused and why. */
function WmoDecisionLine({ decision }: { decision: { granted: boolean; refusalReason: string | null } }) {
  const { t } = useTranslation();
  if (decision.granted) return <p>{t('respiteCaregiver.wmo.granted')}</p>;
  return (
    <p>
      {t('respiteCaregiver.wmo.refused')} {decision.refusalReason && t('respiteCaregiver.wmo.reason', { reason: decision.refusalReason })}
    </p>
  );
}

/** "Mijn logeerzorg": the caregiver's own requests and stays; confirm a proposal, or cancel. */
export function RespiteCaregiverPage() {
  const { t } = useTranslation();
  const overview = useApi('GET /api/citizen/respite');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const act = async (url: string, body?: unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      await post(url, body);
      overview.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (overview.loading) return <Loading />;
  if (overview.state === 'error' && !overview.data) return <ErrorNotice error={overview.error} />;
  const data = overview.data;
  if (!data) return <Loading />;
  const series = [...new Set(data.stays.map((s) => s.seriesId).filter((id): id is string => id !== null))];
  const single = data.stays.filter((s) => s.seriesId === null);
  return (
    <div aria-busy={busy}>
      <p>
        <Link to="/burger">{t('respiteCaregiver.back')}</Link>
      </p>
      <h1>{t('respiteCaregiver.title')}</h1>
      {error !== undefined && <ErrorNotice error={error} />}
      <h2>{t('respiteCaregiver.requestsTitle')}</h2>
      {data.requests.length === 0 ? (
        <Empty>{t('respiteCaregiver.noRequests')}</Empty>
      ) : (
        <ul className="plain-list">
          {data.requests.map((r) => (
            <li key={r.id}>
              {t('respiteCaregiver.request', { reference: r.reference, forWhom: r.forWhom, from: formatDate(r.from), to: formatDate(r.to), intake: r.intake })}{' '}
              <span className="badge">{t(`respiteCaregiver.requestState.${r.status}`)}</span>
              {r.wmoDecision && <WmoDecisionLine decision={r.wmoDecision} />}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('respiteCaregiver.staysTitle')}</h2>
      {data.stays.length === 0 && <Empty>{t('respiteCaregiver.noStays')}</Empty>}
      <ul className="plain-list">
        {series.map((id) => (
          <SeriesCard key={id} stays={data.stays.filter((s) => s.seriesId === id)} act={act} />
        ))}
        {single.map((stay) => (
          <li key={stay.id} className="card">
            <StayLine stay={stay} />
            {isOpen(stay) && (
              <button type="button" className="button button--block" onClick={() => void act(`/api/citizen/respite/stays/${stay.id}/confirm`)}>
                {t('respiteCaregiver.confirmOne')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {data.stays
        .filter((s) => s.status === 'booked' && s.to <= localDate())
        .map((stay) => (
          <FeedbackForm key={stay.id} stay={stay} act={act} />
        ))}
      {data.stays.some(isActive) && (
        <>
          <h2>{t('respiteCaregiver.cancelTitle')}</h2>
          <ul className="plain-list">
            {data.stays.filter(isActive).map((stay) => (
              <li key={stay.id}>
                <button type="button" className="button button--ghost button--block" onClick={() => void act(`/api/citizen/respite/stays/${stay.id}/cancel`)}>
                  {t('respiteCaregiver.cancel', { from: formatDate(stay.from), to: formatDate(stay.to) })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
