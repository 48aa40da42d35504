import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, put } from '../../api/client.js';
import { ErrorNotice } from '../../components/status.js';
import { useFetch } from './use-fetch.js';

interface Named { id: string; name: string }
interface Links { organisations: Named[]; municipalities: (Named & { organisation: Named | null })[] }

/**
 * Per municipality, which organisation on the platform is the municipality itself: its staff then read
 * the municipality's quick-scan. One organisation is one municipality, so the server's 409 gets its
 * own message.
 */
export function MunicipalityLinks({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const links = useFetch<Links>(`/api/networkmap/networks/${networkId}/municipality-links?v=${version}`, true);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent, municipality: Links['municipalities'][number]) => {
    event.preventDefault();
    setError(undefined);
    setMessage(undefined);
    const organisationId = chosen[municipality.id] ?? municipality.organisation?.id ?? '';
    try {
      await put(`/api/networkmap/municipalities/${municipality.id}/organisation`, { organisationId: organisationId || null });
      setMessage(t(organisationId ? 'networkmap.dashboard.linkSaved' : 'networkmap.dashboard.linkRemoved', { municipality: municipality.name }));
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  const data = links.data;
  return (
    <section aria-labelledby="dash-links">
      <h2 id="dash-links">{t('networkmap.dashboard.links')}</h2>
      <p>{t('networkmap.dashboard.linksIntro')}</p>
      {message && <p className="notice notice--success" role="status">{message}</p>}
      {error instanceof ApiError && error.status === 409 ? <p className="notice notice--error" role="alert">{t('networkmap.dashboard.linkTaken')}</p> : error !== undefined && <ErrorNotice error={error} />}
      {links.error !== undefined && <ErrorNotice error={links.error} />}
      {data && (
        <ul className="networkmap-links">
          {data.municipalities.map((m) => {
            // A link to an organisation outside the caller's alliances is still shown as the current choice.
            const options = m.organisation && !data.organisations.some((o) => o.id === m.organisation?.id) ? [m.organisation, ...data.organisations] : data.organisations;
            return (
              <li key={m.id}>
                <form className="networkmap-actions" onSubmit={(e) => void submit(e, m)}>
                  <label htmlFor={`link-${m.id}`}>{t('networkmap.dashboard.linkLabel', { municipality: m.name })}</label>
                  <select id={`link-${m.id}`} value={chosen[m.id] ?? m.organisation?.id ?? ''} onChange={(e) => setChosen({ ...chosen, [m.id]: e.target.value })}>
                    <option value="">{t('networkmap.dashboard.notLinked')}</option>
                    {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                  </select>
                  <button type="submit" className="button">{t('networkmap.dashboard.saveLink')}</button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
