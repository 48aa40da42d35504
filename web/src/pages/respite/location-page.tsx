import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { SelectField } from '../../components/form.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatDate, formatDateTime, localDate } from '../../i18n/format.js';

type Stay = ApiJson<'GET /api/respite/locations/{id}/stays'>[number];

/** What the care home can do with a stay in its state: the server decides again and refuses the rest. */
const ACTIONS: Record<string, readonly ('accept' | 'decline' | 'no-show' | 'cancel' | 'accept-offer')[]> = {
  requested: ['accept', 'decline', 'cancel'],
  booked: ['no-show', 'cancel'],
  held: ['accept-offer', 'cancel'],
};

const halfYearFrom = (from: string) => {
  const end = new Date(`${from}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 6);
  return end.toISOString().slice(0, 10);
};

function Stays({ locationId }: { locationId: string }) {
  const { t } = useTranslation();
  const from = localDate();
  const stays = useApi('GET /api/respite/locations/{id}/stays', { path: { id: locationId }, query: { from, to: halfYearFrom(from) } });
  const waitlist = useApi('GET /api/respite/locations/{id}/waitlist', { path: { id: locationId } });
  const [error, setError] = useState<unknown>();
  const act = async (stay: Stay, action: string) => {
    setError(undefined);
    try {
      await post(`/api/respite/stays/${stay.id}/${action}`);
      stays.reload();
      waitlist.reload();
    } catch (e) {
      setError(e);
    }
  };
  if (stays.loading) return <Loading />;
  return (
    <>
      {error !== undefined && <ErrorNotice error={error} />}
      {stays.state === 'error' && <ErrorNotice error={stays.error} />}
      <h2>{t('respiteDesk.staysTitle')}</h2>
      {(stays.data ?? []).length === 0 && <Empty>{t('respiteDesk.noStays')}</Empty>}
      <table className="table">
        <caption className="visually-hidden">{t('respiteDesk.staysTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('respiteDesk.nights')}</th>
            <th scope="col">{t('respiteDesk.person')}</th>
            <th scope="col">{t('respiteDesk.bed')}</th>
            <th scope="col">{t('respiteDesk.state')}</th>
            <th scope="col">{t('respiteDesk.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(stays.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>{t('respiteDesk.range', { from: formatDate(s.from), to: formatDate(s.to) })}</td>
              <td>{s.person ?? t('respiteDesk.unnamed')}</td>
              <td>{s.bed}</td>
              <td>
                {t(`respiteDesk.stayState.${s.status}`, { defaultValue: s.status })}
                {s.caregiverConfirmed && ` · ${t('respiteDesk.caregiverConfirmed')}`}
                {s.holdExpiresAt && ` · ${t('respiteDesk.heldUntil', { until: formatDateTime(s.holdExpiresAt) })}`}
              </td>
              <td>
                {(ACTIONS[s.status] ?? []).map((a) => (
                  <button key={a} type="button" className="button button--small" onClick={() => void act(s, a)} aria-label={t(`respiteDesk.action.${a}Of`, { from: formatDate(s.from) })}>
                    {t(`respiteDesk.action.${a}`)}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('respiteDesk.waitlistTitle')}</h2>
      {(waitlist.data ?? []).length === 0 ? (
        <Empty>{t('respiteDesk.noWaitlist')}</Empty>
      ) : (
        <ul className="plain-list">
          {(waitlist.data ?? []).map((w) => (
            <li key={w.id}>
              {t('respiteDesk.waiting', { from: formatDate(w.from), to: formatDate(w.to), since: formatDate(w.since.slice(0, 10)) })}{' '}
              <span className="badge">{t(`respiteDesk.waitState.${w.status}`, { defaultValue: w.status })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The care home's desk: stays at its location to accept, decline or mark, holds from the waiting list, cancellations. */
export function RespiteLocationPage() {
  const { t } = useTranslation();
  const locations = useApi('GET /api/respite/my-locations');
  const [chosen, setChosen] = useState('');
  if (locations.loading) return <Loading />;
  if (locations.state === 'error' && !locations.data) return <ErrorNotice error={locations.error} />;
  const list = locations.data ?? [];
  const locationId = chosen || list[0]?.id;
  return (
    <div className="page">
      <h1>{t('respiteDesk.locationTitle')}</h1>
      {list.length === 0 && <Empty>{t('respiteDesk.noLocations')}</Empty>}
      {list.length > 1 && (
        <SelectField path="location" label={t('respiteDesk.location')} value={locationId} onChange={(e) => setChosen(e.target.value)}>
          {list.map((l) => (
            <option key={l.id} value={l.id}>{l.name}</option>
          ))}
        </SelectField>
      )}
      {list.length === 1 && <p>{list[0]?.name}</p>}
      {locationId && <Stays key={locationId} locationId={locationId} />}
    </div>
  );
}
