import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post, withQuery } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { SelectField, TextField } from '../../components/form.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';
import { useMe } from '../../session/session.js';
import { WmoDecisionForm, WmoDecisionSummary } from './wmo-decision.js';

type Request = ApiJson<'GET /api/respite/requests'>[number];
type Search = ApiJson<'GET /api/respite/search'>;
type FundingCheck = ApiJson<'GET /api/respite/clients/{clientId}/funding-check'>;
type Client = ApiJson<'GET /api/clients'>['items'][number];

const OUTCOMES = ['booked', 'no_room', 'no_fit', 'no_funding', 'declined'] as const;

/** Why the funding does not cover the stay, with the nights left this year (the server's details). */
function FundingRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'FUNDING_NOT_COVERED') return null;
  const details = (error.details ?? {}) as { onFile?: boolean; validForDates?: boolean; nightsRemaining?: number | null; nightsNeeded?: number };
  if (details.onFile === false) return <p>{t('respitePartners.funding.none')}</p>;
  if (details.validForDates === false) return <p>{t('respitePartners.funding.notValid')}</p>;
  return <p>{t('respitePartners.funding.nightsLeft', { remaining: details.nightsRemaining ?? 0, needed: details.nightsNeeded ?? 0 })}</p>;
}

/** Weekly rule for "every N weeks, M times": the intake thinks in weeks, RFC 5545 in rules. */
const everyWeeks = (weeks: number, times: number) => `FREQ=WEEKLY;INTERVAL=${weeks};COUNT=${times}`;

/** One request: pick the person, see which places fit and why others do not, and propose a stay or series. */
function Answer({ request, clients, done }: { request: Request; clients: Client[]; done: () => void }) {
  const { t } = useTranslation();
  const [clientId, setClientId] = useState('');
  const [result, setResult] = useState<Search | undefined>();
  const [funds, setFunds] = useState<FundingCheck | undefined>();
  const [locationId, setLocationId] = useState('');
  const [weeks, setWeeks] = useState('0');
  const [times, setTimes] = useState('3');
  const [confirmation, setConfirmation] = useState<'all_or_nothing' | 'per_occurrence'>('all_or_nothing');
  const [funding, setFunding] = useState<'wmo' | 'wlz' | 'private'>('private');
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('no_room');
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const run = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      // The funding check names this request, so the municipality's decision on it counts before any stay answered it.
      const [found, check] = await Promise.all([
        get<Search>(withQuery('/api/respite/search', { from: request.from, to: request.to, clientId: clientId || undefined })),
        clientId ? get<FundingCheck>(withQuery(`/api/respite/clients/${clientId}/funding-check`, { from: request.from, to: request.to, requestId: request.id })) : Promise.resolve(undefined),
      ]);
      setResult(found);
      setFunds(check);
    });
  };
  const nights = Math.round((Date.parse(request.to) - Date.parse(request.from)) / 86_400_000);
  const propose = () =>
    run(async () => {
      const answer =
        weeks === '0'
          ? await post<{ id: string }>('/api/respite/stays', { clientId, locationId, from: request.from, to: request.to, funding, requestId: request.id }).then(() => 1)
          : await post<{ booked: unknown[] }>('/api/respite/series', { clientId, locationId, rrule: everyWeeks(Number(weeks), Number(times)), firstCheckIn: request.from, nights, confirmation, funding, requestId: request.id }).then((s) => s.booked.length);
      setMessage(t('respiteDesk.proposed', { count: answer }));
      done();
    });
  return (
    <section aria-labelledby={`answer-${request.id}`} className="card">
      <h3 id={`answer-${request.id}`}>{t('respiteDesk.answerTitle', { reference: request.reference })}</h3>
      {error !== undefined && (
        <ErrorNotice error={error}>
          <FundingRefusal error={error} />
        </ErrorNotice>
      )}
      {message && <p role="status">{message}</p>}
      <form onSubmit={search}>
        <SelectField path={`client-${request.id}`} label={t('respiteDesk.client')} value={clientId} onChange={(e) => setClientId(e.target.value)} required>
          <option value="">{t('respiteDesk.chooseClient')}</option>
          {clients.map((c) => (
            <option key={c.id} value={c.id}>{`${c.givenName} ${c.familyName} (${formatDate(c.dateOfBirth)})`}</option>
          ))}
        </SelectField>
        <button type="submit" className="button">{t('respiteDesk.search')}</button>
      </form>
      {result && (
        <>
          <h4>{t('respiteDesk.matches')}</h4>
          <ul className="plain-list">
            {result.locations.map((l) => (
              <li key={l.id}>
                <label>
                  <input type="radio" name={`location-${request.id}`} value={l.id} checked={locationId === l.id} onChange={() => setLocationId(l.id)} disabled={!l.fits || l.freeBeds.length === 0} />{' '}
                  <strong>{l.name}</strong>, {l.city}: {l.fits ? t('respiteDesk.fits', { count: l.freeBeds.length }) : t('respiteDesk.doesNotFit')}
                  {l.stayedBefore && ` ${t('respiteDesk.stayedBefore')}`}
                </label>
                {l.reasons.length > 0 && (
                  <ul>
                    {l.reasons.map((r) => (
                      <li key={r.code}>{r.text}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {funds && (
            <>
              <h4>{t('respiteDesk.fundingCheck')}</h4>
              <ul className="plain-list">
                {funds.schemes.map((f) => (
                  <li key={f.scheme}>
                    <strong>{t(`respiteDesk.scheme.${f.scheme}`)}</strong>: {f.text}
                  </li>
                ))}
                <li>{funds.referral.text}</li>
              </ul>
            </>
          )}
          <SelectField path={`weeks-${request.id}`} label={t('respiteDesk.repeat')} value={weeks} onChange={(e) => setWeeks(e.target.value)}>
            {['0', '4', '6', '8', '12'].map((w) => (
              <option key={w} value={w}>{w === '0' ? t('respiteDesk.once') : t('respiteDesk.everyWeeks', { count: Number(w) })}</option>
            ))}
          </SelectField>
          {weeks !== '0' && (
            <>
              <TextField path={`times-${request.id}`} label={t('respiteDesk.times')} type="number" min={2} max={12} value={times} onChange={(e) => setTimes(e.target.value)} />
              <SelectField path={`confirmation-${request.id}`} label={t('respiteDesk.confirmation')} value={confirmation} onChange={(e) => setConfirmation(e.target.value as typeof confirmation)}>
                <option value="all_or_nothing">{t('respiteDesk.allOrNothing')}</option>
                <option value="per_occurrence">{t('respiteDesk.perOccurrence')}</option>
              </SelectField>
            </>
          )}
          <SelectField path={`funding-${request.id}`} label={t('respiteDesk.funding')} value={funding} onChange={(e) => setFunding(e.target.value as typeof funding)}>
            {(['wmo', 'wlz', 'private'] as const).map((f) => (
              <option key={f} value={f}>{t(`respiteDesk.scheme.${f}`)}</option>
            ))}
          </SelectField>
          <button type="button" className="button" disabled={!locationId || !clientId} onClick={() => void propose()}>
            {t('respiteDesk.propose')}
          </button>
        </>
      )}
      <SelectField path={`outcome-${request.id}`} label={t('respiteDesk.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>{t(`respiteDesk.outcomes.${o}`)}</option>
        ))}
      </SelectField>
      <button type="button" className="button button--ghost" onClick={() => void run(async () => { await post(`/api/respite/requests/${request.id}/close`, { outcome }); done(); })}>
        {t('respiteDesk.close')}
      </button>
    </section>
  );
}

/** The intake's desk: incoming public requests, matching with explanations, and a proposal to the caregiver. */
export function RespiteIntakePage() {
  const { t } = useTranslation();
  const requests = useApi('GET /api/respite/requests');
  const clients = useApi('GET /api/clients', { query: { limit: '100' } });
  const [open, setOpen] = useState<string | undefined>();
  const me = useMe();
  // Only a municipality decides on Wmo funding (the server's partner roles say the same).
  const decidesWmo = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.kind === 'municipality';
  if (requests.loading) return <Loading />;
  if (requests.state === 'error' && !requests.data) return <ErrorNotice error={requests.error} />;
  const rows = requests.data ?? [];
  return (
    <div className="page">
      <h1>{t('respiteDesk.intakeTitle')}</h1>
      {rows.length === 0 && <Empty>{t('respiteDesk.noRequests')}</Empty>}
      <ul className="plain-list">
        {rows.map((r) => (
          <li key={r.id} className="card">
            <h2>{t('respiteDesk.request', { reference: r.reference, forWhom: r.forWhom })}</h2>
            <p>
              {t('respiteDesk.requestDetails', { from: formatDate(r.from), to: formatDate(r.to), municipality: r.municipality, name: r.contactName, email: r.contactEmail })}
              {r.location && ` ${t('respiteDesk.prefers', { location: r.location })}`}
            </p>
            {r.needs && <p>{t('respiteDesk.needs', { needs: r.needs })}</p>}
            <p>
              <span className="badge">{t(`respiteDesk.requestState.${r.status}`)}</span> {r.outcome && t(`respiteDesk.outcomes.${r.outcome}`)}
            </p>
            {r.wmoDecision && <WmoDecisionSummary decision={r.wmoDecision} />}
            {decidesWmo && !r.wmoDecision && r.status !== 'closed' && <WmoDecisionForm requestId={r.id} onDecided={() => requests.reload()} />}
            {r.status !== 'closed' &&
              (open === r.id ? (
                <Answer request={r} clients={clients.data?.items ?? []} done={() => requests.reload()} />
              ) : (
                <button type="button" className="button" onClick={() => setOpen(r.id)}>
                  {t('respiteDesk.handle')}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
