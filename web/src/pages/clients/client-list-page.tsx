import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Identification } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';
import { fieldErrorsOf } from '../../i18n/errors.js';
import { registrarRoles } from '../../navigation.js';
import { hasAnyRole, useRoles } from '../../session/session.js';

const FILTERS = ['q', 'dateOfBirth', 'postcode', 'alarmAccount'] as const;
type Filter = (typeof FILTERS)[number];

function ClientCard({ client }: { client: Identification }) {
  const { t } = useTranslation();
  return (
    <li className="card client-card">
      <Link to={`/clients/${client.id}`} className="client-card__link">
        <span className="client-card__name">
          {client.familyName}, {client.givenName}
        </span>
        <span className="client-card__meta">{t('clients.bornOn', { date: formatDate(client.dateOfBirth) })}</span>
        <span className="client-card__meta">
          {client.street} {client.houseNumber}, {client.postcode} {client.city}
        </span>
        {client.alarmAccount && <span className="client-card__meta">{t('clients.alarmAccountShort', { account: client.alarmAccount })}</span>}
        {client.cprMasked && <span className="client-card__meta">{t('clients.cprShort', { cpr: client.cprMasked })}</span>}
        {!client.ownOrganisation && <span className="badge">{client.organisationName}</span>}
      </Link>
    </li>
  );
}

export function ClientListPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const [params, setParams] = useSearchParams();
  const current = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>;
  const [draft, setDraft] = useState(current);
  const hasCriterion = !!(current.q || current.dateOfBirth || current.postcode || current.alarmAccount);
  // The caller's own organisation's clients; other organisations' clients are found only on the night-care board, to link an alarm.
  const result = useApi('GET /api/clients', { query: current });

  const search = (event: FormEvent) => {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)));
  };
  const fieldErrors = result.state === 'error' ? fieldErrorsOf(t, result.error) : {};

  return (
    <>
      <div className="page__head">
        <h1>{t('clients.title')}</h1>
        {hasAnyRole(roles, registrarRoles) && (
          <Link to="/clients/new" className="button button--secondary">
            {t('nav.newClient')}
          </Link>
        )}
      </div>
      <form role="search" className="search card" onSubmit={search} aria-label={t('clients.search')}>
        <div className="field">
          <label htmlFor="search-q">{t('clients.searchName')}</label>
          <input id="search-q" type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} autoComplete="off" />
        </div>
        <details className="search__more" open={!!(current.dateOfBirth || current.postcode || current.alarmAccount) || undefined}>
          <summary>{t('clients.moreFilters')}</summary>
          <div className="grid-2">
            <div className="field">
              <label htmlFor="search-dob">{t('clients.fields.dateOfBirth')}</label>
              <input id="search-dob" type="date" value={draft.dateOfBirth} onChange={(e) => setDraft({ ...draft, dateOfBirth: e.target.value })} aria-invalid={fieldErrors.dateOfBirth ? true : undefined} />
            </div>
            <div className="field">
              <label htmlFor="search-postcode">{t('clients.fields.postcode')}</label>
              <input id="search-postcode" value={draft.postcode} onChange={(e) => setDraft({ ...draft, postcode: e.target.value })} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor="search-alarm">{t('clients.fields.alarmAccount')}</label>
              <input id="search-alarm" value={draft.alarmAccount} onChange={(e) => setDraft({ ...draft, alarmAccount: e.target.value })} autoComplete="off" />
            </div>
          </div>
        </details>
        <button type="submit" className="button button--primary">
          {t('clients.searchButton')}
        </button>
      </form>
      <section aria-labelledby="results-title" aria-busy={result.state === 'loading'}>
        <h2 id="results-title" className="visually-hidden">
          {t('clients.results')}
        </h2>
        {result.state === 'loading' && <Loading />}
        {result.state === 'error' && <ErrorNotice error={result.error} />}
        {result.state === 'ok' &&
          (result.data.items.length === 0 ? (
            <Empty>{hasCriterion ? t('clients.noMatches') : t('clients.none')}</Empty>
          ) : (
            <>
              <p className="status" role="status">
                {t('clients.count', { count: result.data.items.length })}
              </p>
              <ul className="client-list">
                {result.data.items.map((client) => (
                  <ClientCard key={client.id} client={client} />
                ))}
              </ul>
            </>
          ))}
      </section>
    </>
  );
}
