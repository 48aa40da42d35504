import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, withQuery } from '../../api/client.js';
import type { Identification, Items } from '../../api/types.js';
import { ErrorNotice } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';

/**
 * A search in the alliance's identification index (name, date of birth, address, alarm account):
 * all a coordinator may see of another organisation's client before an assignment.
 */
export function ClientSearch({ chosen, onChoose }: { chosen: Identification | null; onChoose: (client: Identification | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Identification[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!q.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResults((await get<Items<Identification>>(withQuery('/api/clients', { scope: 'alliance', q: q.trim() }))).items);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="nc-client-search">
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('nightcare.clientSearch.label')}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('nightcare.clientSearch.hint')}
        </p>
        <div className="nc-inline">
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            autoComplete="off"
            aria-describedby={`${id}-hint`}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              // Inside another form: Enter searches instead of submitting the outer form.
              if (e.key === 'Enter') {
                e.preventDefault();
                void search();
              }
            }}
          />
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void search()}>
            {t('nightcare.clientSearch.search')}
          </button>
        </div>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <fieldset className="choice nc-client-search__results">
        <legend>{t('nightcare.clientSearch.choose')}</legend>
        <label>
          <input type="radio" name={`${id}-client`} checked={chosen === null} onChange={() => onChoose(null)} /> {t('nightcare.clientSearch.unidentified')}
        </label>
        {chosen && !results?.some((r) => r.id === chosen.id) && <ClientOption client={chosen} name={`${id}-client`} checked onChoose={onChoose} />}
        {results?.map((client) => <ClientOption key={client.id} client={client} name={`${id}-client`} checked={chosen?.id === client.id} onChoose={onChoose} />)}
        {results?.length === 0 && <p className="muted">{t('nightcare.clientSearch.none')}</p>}
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
