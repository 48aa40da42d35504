import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ClientRecord, NightSummary } from '../../api/types.js';
import { TextAreaField } from '../../components/form.js';
import { Empty, ErrorNotice } from '../../components/status.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { orgAdmin, registrarRoles } from '../../navigation.js';
import { hasAnyRole, useRoles } from '../../session/session.js';

function Objection({ client, onChanged }: { client: ClientRecord; onChanged: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const objected = client.objectedAt !== null;
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/clients/${client.id}/objection`, { objected: !objected, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="objection">
      <TextAreaField path="objectionNote" label={t('client.objectionNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} />
      <button type="button" className={`button ${objected ? 'button--secondary' : 'button--danger'}`} onClick={() => void toggle()} disabled={busy}>
        {objected ? t('client.withdrawObjection') : t('client.recordObjection')}
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}

export function ClientSummaryTab({ client, onChanged }: { client: ClientRecord; onChanged: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <div className="stack">
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t('client.details')}</h2>
        <dl className="pairs">
          <dt>{t('clients.fields.dateOfBirth')}</dt>
          <dd>{formatDate(client.dateOfBirth)}</dd>
          {client.cpr && (
            <>
              <dt>{t('clients.fields.cpr')}</dt>
              <dd>{client.cpr}</dd>
            </>
          )}
          <dt>{t('client.address')}</dt>
          <dd>
            {client.street} {client.houseNumber}, {client.postcode} {client.city}
          </dd>
          <dt>{t('clients.fields.municipality')}</dt>
          <dd>{client.municipality}</dd>
          {client.phone && (
            <>
              <dt>{t('clients.fields.phone')}</dt>
              <dd>
                <a href={`tel:${client.phone}`}>{client.phone}</a>
              </dd>
            </>
          )}
          <dt>{t('clients.fields.districtNursing')}</dt>
          <dd>{yesNo(client.districtNursing)}</dd>
          <dt>{t('clients.fields.personalAlarm')}</dt>
          <dd>
            {yesNo(client.personalAlarm)}
            {client.alarmAccount && ` · ${t('clients.alarmAccountShort', { account: client.alarmAccount })}`}
            {client.alarmDevice && ` · ${client.alarmDevice}`}
          </dd>
          <dt>{t('client.gp')}</dt>
          <dd>{[client.gpName, client.gpPhone].filter(Boolean).join(' · ') || '—'}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="sharing-title">
        <h2 id="sharing-title">{t('client.sharing')}</h2>
        <dl className="pairs">
          <dt>{t('client.letter')}</dt>
          <dd>{client.letterSentAt ? t('client.letterSentOn', { date: formatDateTime(client.letterSentAt) }) : t('client.letterNotSent')}</dd>
          <dt>{t('client.objection')}</dt>
          <dd>
            {client.objectedAt ? t('client.objectedOn', { date: formatDateTime(client.objectedAt) }) : t('client.noObjection')}
            {client.objectionNote && <span className="muted"> — {client.objectionNote}</span>}
          </dd>
        </dl>
        {hasAnyRole(roles, registrarRoles) && (
          <p>
            <a href={`/api/clients/${client.id}/letter.pdf`} target="_blank" rel="noopener" className="button button--secondary">
              {t('client.letterPdf')}
            </a>
          </p>
        )}
        {hasAnyRole(roles, orgAdmin) && <Objection client={client} onChanged={onChanged} />}
      </section>
    </div>
  );
}

export function ContactsTab({ client }: { client: NightSummary }) {
  const { t } = useTranslation();
  if (client.contacts.length === 0) return <Empty>{t('client.noContacts')}</Empty>;
  return (
    <ul className="stack">
      {client.contacts.map((contact, index) => (
        <li key={contact.id ?? index} className="card contact">
          <p className="contact__name">{contact.name}</p>
          <p className="muted">
            {contact.relation}
            {contact.informalCaregiver && ` · ${t('client.informalCaregiver')}`}
          </p>
          <a href={`tel:${contact.phone}`} className="button button--secondary button--block">
            {t('client.call', { phone: contact.phone })}
          </a>
        </li>
      ))}
    </ul>
  );
}
