import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post } from '../../api/client.js';
import { SelectField, TextAreaField, TextField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { RoomSearch } from './public-search.js';
import { RespitePlace, type Place } from './respite-place.js';

interface Overview {
  alliance: { id: string; name: string };
  municipalities: string[];
  locations: Place[];
}

interface Confirmation {
  reference: string;
  intake: { name: string; phone: string };
  crisisPhone: string;
}

/** The public, login-free page about logeerzorg: what it is, the places, cost, and a simple request. */
export function RespitePublicPage() {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<Overview | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const [first] = await get<{ id: string }[]>('/api/public/respite/alliances', controller.signal);
      if (first) setOverview(await get<Overview>(`/api/public/respite/alliances/${first.id}`, controller.signal));
    })().catch((e: unknown) => controller.signal.aborted || setError(e));
    return () => controller.abort();
  }, []);
  return (
    <main className="page page--narrow respite-public" id="main">
      <h1>{t('respitePublic.title')}</h1>
      <p>{t('respitePublic.intro')}</p>
      <h2>{t('respitePublic.whatTitle')}</h2>
      <p>{t('respitePublic.what')}</p>
      <p>
        <a href="/logeerzorg/vragenlijst">{t('respiteResearch.invite')}</a>
      </p>
      <h2>{t('respitePublic.payTitle')}</h2>
      <ul>
        <li>{t('respitePublic.payWmo')}</li>
        <li>{t('respitePublic.payWlz')}</li>
        <li>{t('respitePublic.payPrivate')}</li>
        <li>{t('respitePublic.payZvw')}</li>
      </ul>
      {error !== undefined && <ErrorNotice error={error} />}
      {!overview && error === undefined && <Loading />}
      {overview && (
        <>
          <h2>{t('respitePublic.placesTitle')}</h2>
          <ul className="respite-places">
            {overview.locations.map((place) => (
              <RespitePlace key={place.id} place={place} />
            ))}
          </ul>
          <RoomSearch allianceId={overview.alliance.id} municipalities={overview.municipalities} />
          <RequestForm overview={overview} />
        </>
      )}
    </main>
  );
}

function RequestForm({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<Confirmation | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const body = { ...data, locationId: data.locationId || undefined, contactPhone: data.contactPhone || undefined };
    setBusy(true);
    setFailure(undefined);
    try {
      setDone(await post<Confirmation>(`/api/public/respite/alliances/${overview.alliance.id}/requests`, body));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  if (done) {
    return (
      <section className="notice notice--success" role="status" aria-labelledby="request-done">
        <h2 id="request-done">{t('respitePublic.doneTitle')}</h2>
        <p>{t('respitePublic.done', { intake: done.intake.name, phone: done.intake.phone })}</p>
        <p>{t('respitePublic.doneReference', { reference: done.reference })}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="request-title">
      <h2 id="request-title">{t('respitePublic.requestTitle')}</h2>
      <p>{t('respitePublic.requestIntro')}</p>
      <p className="notice">{t('respitePublic.crisis')}</p>
      {failure !== undefined && <ErrorNotice error={failure}>{failure instanceof ApiError && failure.code === 'RATE_LIMITED' ? <p>{t('respitePublic.tooMany')}</p> : null}</ErrorNotice>}
      <form onSubmit={(e) => void submit(e)} className="form">
        <SelectField path="municipality" label={t('respitePublic.municipality')} required defaultValue="">
          <option value="" disabled>{t('respitePublic.choose')}</option>
          {overview.municipalities.map((m) => <option key={m} value={m}>{m}</option>)}
        </SelectField>
        <fieldset className="field">
          <legend>{t('respitePublic.route')}</legend>
          <label><input type="radio" name="route" value="caregiver_support" defaultChecked /> {t('respitePublic.routeSupport')}</label>
          <label><input type="radio" name="route" value="wmo" /> {t('respitePublic.routeWmo')}</label>
        </fieldset>
        <SelectField path="locationId" label={t('respitePublic.place')} defaultValue="">
          <option value="">{t('respitePublic.anyPlace')}</option>
          {overview.locations.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </SelectField>
        <TextField path="from" label={t('respitePublic.from')} type="date" required />
        <TextField path="to" label={t('respitePublic.to')} type="date" required />
        <TextField path="forWhom" label={t('respitePublic.forWhom')} hint={t('respitePublic.forWhomHint')} required maxLength={200} />
        <TextAreaField path="needs" label={t('respitePublic.needs')} hint={t('respitePublic.needsHint')} maxLength={2000} rows={4} />
        <TextField path="contactName" label={t('respitePublic.contactName')} autoComplete="name" required maxLength={120} />
        <TextField path="contactEmail" label={t('respitePublic.contactEmail')} type="email" autoComplete="email" required maxLength={200} />
        <TextField path="contactPhone" label={t('respitePublic.contactPhone')} type="tel" autoComplete="tel" maxLength={40} />
        <button type="submit" className="button button--primary" disabled={busy}>{t('respitePublic.send')}</button>
      </form>
    </section>
  );
}
