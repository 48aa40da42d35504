import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, withQuery } from '../../api/client.js';
import type { ApiJson, Identification } from '../../api/types.js';
import { ErrorNotice } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';

/** Why the coordinator searches: the open incident to link, or a phone call (whose number the search needs). */
export type SearchPurpose = { incidentId: string } | { phoneCall: true };

type Criteria = Record<'familyName' | 'dateOfBirth' | 'postcode' | 'houseNumber' | 'alarmAccount' | 'city', string>;
type Answer = ApiJson<'GET /api/nightcare/identification-index'>;
const EMPTY: Criteria = { familyName: '', dateOfBirth: '', postcode: '', houseNumber: '', alarmAccount: '', city: '' };

/** The server's rule, checked here first so the coordinator is told before a round trip. */
const identifiesOne = (c: Criteria) => !!c.alarmAccount.trim() || (!!c.familyName.trim() && !!c.dateOfBirth) || (!!c.postcode.trim() && !!c.houseNumber.trim());

/**
 * A search in the alliance's identification index (name, date of birth, address, alarm account): all
 * the night coordinator on duty may see of another organisation's client before an assignment, and only
 * to link an alarm or a phone call. It needs what identifies one client and answers a handful at most.
 */
export function ClientSearch({ chosen, onChoose, purpose }: { chosen: Identification | null; onChoose: (client: Identification | null) => void; purpose: SearchPurpose }) {
  const { t } = useTranslation();
  const id = useId();
  const [criteria, setCriteria] = useState<Criteria>(EMPTY);
  const [callerPhone, setCallerPhone] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const phoneCall = 'phoneCall' in purpose;

  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    if (!identifiesOne(criteria)) return setProblem(t('nightcare.clientSearch.needsCriteria'));
    if (phoneCall && !callerPhone.trim()) return setProblem(t('nightcare.clientSearch.needsCallerPhone'));
    setProblem(null);
    setBusy(true);
    try {
      // Only what was filled in: an empty field is no criterion. The server reads 03-05-1929 as well as 1929-05-03.
      const given: Record<string, string> = Object.fromEntries(Object.entries(criteria).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : [])));
      const query = { ...given, ...(phoneCall ? { callerPhone: callerPhone.trim() } : { incidentId: purpose.incidentId }) };
      setAnswer(await get<Answer>(withQuery('/api/nightcare/identification-index', query)));
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) setProblem(t('nightcare.clientSearch.notOnDuty'));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof Criteria, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`nightcare.clientSearch.${name}`)}</label>
      {hint && (
        <p className="field__hint" id={`${id}-${name}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={`${id}-${name}`}
        type="text"
        aria-describedby={hint ? `${id}-${name}-hint` : undefined}
        value={criteria[name]}
        autoComplete="off"
        onChange={(e) => setCriteria({ ...criteria, [name]: e.target.value })}
        onKeyDown={(e) => {
          // Inside another form: Enter searches instead of submitting the outer form.
          if (e.key === 'Enter') {
            e.preventDefault();
            void search();
          }
        }}
      />
    </div>
  );

  return (
    <div className="nc-client-search" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-hint`}>
      <p>
        <strong id={`${id}-title`}>{t('nightcare.clientSearch.label')}</strong>
      </p>
      <p className="field__hint" id={`${id}-hint`}>
        {t('nightcare.clientSearch.hint')}
      </p>
      {phoneCall && (
        <div className="field">
          <label htmlFor={`${id}-caller`}>{t('nightcare.clientSearch.callerPhone')}</label>
          <input id={`${id}-caller`} type="tel" value={callerPhone} autoComplete="off" onChange={(e) => setCallerPhone(e.target.value)} />
        </div>
      )}
      <div className="grid-2">
        {field('familyName')}
        {/* Text, not a date picker: callers say "3 mei 1929" and the coordinator types 03-05-1929. */}
        {field('dateOfBirth', t('nightcare.clientSearch.dateHint'))}
        {field('postcode')}
        {field('houseNumber')}
      </div>
      <div className="grid-2">
        {field('alarmAccount')}
        {field('city', t('nightcare.clientSearch.cityHint'))}
      </div>
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void search()}>
        {t('nightcare.clientSearch.search')}
      </button>
      {problem !== null && (
        <p className="notice notice--warning" role="alert">
          {problem}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      <fieldset className="choice nc-client-search__results">
        <legend>{t('nightcare.clientSearch.choose')}</legend>
        <label>
          <input type="radio" name={`${id}-client`} checked={chosen === null} onChange={() => onChoose(null)} /> {t('nightcare.clientSearch.unidentified')}
        </label>
        {chosen && !answer?.items.some((r) => r.id === chosen.id) && <ClientOption client={chosen} name={`${id}-client`} checked onChoose={onChoose} />}
        {answer?.items.map((client) => <ClientOption key={client.id} client={client} name={`${id}-client`} checked={chosen?.id === client.id} onChoose={onChoose} />)}
        {answer?.tooMany && <p className="muted">{t('nightcare.clientSearch.tooMany')}</p>}
        {answer && !answer.tooMany && answer.items.length === 0 && <p className="muted">{t('nightcare.clientSearch.none')}</p>}
      </fieldset>
    </div>
  );
}

function ClientOption({ client, name, checked, onChoose }: { client: Identification; name: string; checked: boolean; onChoose: (client: Identification) => void }) {
  const { t } = useTranslation();
  return (
    <label className="nc-client-option">
      <input type="radio" name={name} checked={checked} onChange={() => onChoose(client)} />{' '}
      <span>
        <strong>
          {client.familyName}, {client.givenName}
        </strong>{' '}
        <span className="muted">{t('nightcare.clientSearch.born', { date: formatDate(client.dateOfBirth) })}</span>
        <br />
        {client.street} {client.houseNumber}, {client.city} · {client.organisationName}
        {client.alarmAccount && <span className="muted"> · {t('nightcare.clientSearch.account', { account: client.alarmAccount })}</span>}
      </span>
    </label>
  );
}
