import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiJson, NightSummary } from '../../api/types.js';
import { NightNotes } from '../../components/night-notes.js';
import { ActionButton } from './action-button.js';
import { useAction } from './use-action.js';

/** The key-safe code: fetched only on this explicit tap, which the server writes to the audit log. */
interface KeySafeProps {
  clientId: string;
  location: string | null;
  /** The code as revealed earlier in this assignment and kept on the phone: shown on the tap when there is no connection. */
  cachedCode?: string | null;
  onRevealed?: (code: string | null) => void;
}

function KeySafe({ clientId, location, cachedCode, onRevealed }: KeySafeProps) {
  const { t } = useTranslation();
  const action = useAction();
  const [revealed, setRevealed] = useState<{ code: string | null } | null>(null);
  const reveal = async () => {
    if (cachedCode !== undefined && !navigator.onLine) {
      setRevealed({ code: cachedCode });
      return;
    }
    const result = await action.run(() => post<ApiJson<'POST /api/clients/{id}/key-safe/reveal'>>(`/api/clients/${clientId}/key-safe/reveal`));
    if (result.ok && result.value) {
      setRevealed({ code: result.value.code });
      onRevealed?.(result.value.code);
    }
  };
  return (
    <section className="card nurse-keysafe" aria-labelledby="keysafe-title">
      <h2 id="keysafe-title">{t('night.keySafe')}</h2>
      {location && <p>{t('night.keySafeLocation', { location })}</p>}
      {revealed === null ? (
        <>
          <p className="nurse-keysafe__logged">{t('nurseApp.keySafe.logged')}</p>
          <ActionButton action={action} onRun={() => void reveal()} variant="secondary">
            {t('night.revealKeySafe')}
          </ActionButton>
        </>
      ) : (
        <>
          {revealed.code ? (
            <p className="keysafe__code" aria-live="polite">
              <span className="visually-hidden">{t('night.keySafeCode')}: </span>
              {revealed.code}
            </p>
          ) : (
            <p>{t('nurseApp.keySafe.noCode')}</p>
          )}
          <button type="button" className="button button--ghost button--block" onClick={() => setRevealed(null)}>
            {t('night.hideKeySafe')}
          </button>
        </>
      )}
    </section>
  );
}

const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** What the nurse needs at the door: risks first, then the key safe, then whom to call. */
export function NightCard({ client, cachedKeySafeCode, onKeySafeRevealed }: { client: NightSummary; cachedKeySafeCode?: string | null; onKeySafeRevealed?: (code: string | null) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="card" aria-labelledby="night-title">
        <h2 id="night-title">{t('nurseApp.night.title')}</h2>
        <NightNotes summary={client.nightSummary} />
      </section>
      {client.hasKeySafe ? (
        <KeySafe clientId={client.id} location={client.keySafeLocation} cachedCode={cachedKeySafeCode} onRevealed={onKeySafeRevealed} />
      ) : (
        <p className="card muted">{t('night.noKeySafe')}</p>
      )}
      <section className="card" aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t('nurseApp.night.contacts')}</h2>
        <ul className="nurse-calls">
          {client.phone && (
            <li>
              <a className="nurse-call" href={tel(client.phone)}>
                <span className="nurse-call__who">{t('nurseApp.night.client')}</span>
                <span className="nurse-call__number">{client.phone}</span>
              </a>
            </li>
          )}
          {client.contacts.map((contact, index) => (
            <li key={contact.id ?? index}>
              <a className="nurse-call" href={tel(contact.phone)}>
                <span className="nurse-call__who">
                  {contact.name} <span className="muted">({contact.relation})</span>
                  {contact.informalCaregiver && <span className="badge nurse-call__badge">{t('nurseApp.night.caregiver')}</span>}
                </span>
                <span className="nurse-call__number">{contact.phone}</span>
              </a>
            </li>
          ))}
          {(client.gpName || client.gpPhone) && (
            <li>
              {client.gpPhone ? (
                <a className="nurse-call" href={tel(client.gpPhone)}>
                  <span className="nurse-call__who">
                    {t('nurseApp.night.gp')}: {client.gpName}
                  </span>
                  <span className="nurse-call__number">{client.gpPhone}</span>
                </a>
              ) : (
                <p className="nurse-call nurse-call--plain">
                  {t('nurseApp.night.gp')}: {client.gpName}
                </p>
              )}
            </li>
          )}
        </ul>
        {!client.phone && client.contacts.length === 0 && !client.gpName && !client.gpPhone && <p className="muted">{t('night.nothingRecorded')}</p>}
      </section>
    </>
  );
}
