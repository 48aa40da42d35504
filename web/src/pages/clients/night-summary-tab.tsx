import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiJson, NightSummary } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { NightNotes } from '../../components/night-notes.js';

function KeySafe({ clientId, location }: { clientId: string; location: string | null }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The code is fetched only on this explicit action, which the server audits on its own.
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setCode((await post<ApiJson<'POST /api/clients/{id}/key-safe/reveal'>>(`/api/clients/${clientId}/key-safe/reveal`)).code);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card keysafe" aria-labelledby="keysafe-title">
      <h3 id="keysafe-title">{t('night.keySafe')}</h3>
      {location && <p>{t('night.keySafeLocation', { location })}</p>}
      {code === null ? (
        <button type="button" className="button button--secondary button--block" onClick={() => void reveal()} disabled={busy}>
          {t('night.revealKeySafe')}
        </button>
      ) : (
        <>
          <p className="keysafe__code" aria-live="polite">
            <span className="visually-hidden">{t('night.keySafeCode')}: </span>
            {code}
          </p>
          <button type="button" className="button button--ghost button--block" onClick={() => setCode(null)}>
            {t('night.hideKeySafe')}
          </button>
        </>
      )}
      {error !== null && (
        <ErrorNotice error={error}>
          <p>{t('night.keySafeRefused')}</p>
        </ErrorNotice>
      )}
    </section>
  );
}

export function NightSummaryView({ client }: { client: NightSummary }) {
  const { t } = useTranslation();
  return (
    <div className="night">
      <section aria-labelledby="risks-title" className="card">
        <h2 id="risks-title">{t('night.risks')}</h2>
        <NightNotes summary={client.nightSummary} />
      </section>
      {client.hasKeySafe ? (
        <KeySafe clientId={client.id} location={client.keySafeLocation} />
      ) : (
        <p className="card muted">{t('night.noKeySafe')}</p>
      )}
      <section className="card" aria-labelledby="reach-title">
        <h2 id="reach-title">{t('night.reach')}</h2>
        <dl className="pairs">
          <dt>{t('client.address')}</dt>
          <dd>
            {client.street} {client.houseNumber}, {client.postcode} {client.city}
          </dd>
          {client.phone && (
            <>
              <dt>{t('clients.fields.phone')}</dt>
              <dd>
                <a href={`tel:${client.phone}`}>{client.phone}</a>
              </dd>
            </>
          )}
          {(client.gpName || client.gpPhone) && (
            <>
              <dt>{t('client.gp')}</dt>
              <dd>
                {client.gpName} {client.gpPhone && <a href={`tel:${client.gpPhone}`}>{client.gpPhone}</a>}
              </dd>
            </>
          )}
        </dl>
      </section>
    </div>
  );
}

/** Loads the night summary on opening the tab, so the audit log records that this part was read. */
export function NightSummaryTab({ clientId, preloaded }: { clientId: string; preloaded?: NightSummary }) {
  const night = useApi('GET /api/clients/{id}/night-summary', preloaded ? null : { path: { id: clientId } });
  if (preloaded) return <NightSummaryView client={preloaded} />;
  if (night.state === 'ok') return <NightSummaryView client={night.data} />;
  if (night.state === 'error') return <ErrorNotice error={night.error} />;
  return <Loading />;
}
