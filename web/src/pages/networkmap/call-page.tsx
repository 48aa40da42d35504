import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, post } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { InitiativeForm, readForm } from './initiative-form.js';
import { PublicFrame } from './public-frame.js';
import type { Candidate } from './types.js';
import { useMunicipalities } from './use-municipalities.js';

type Body = ReturnType<typeof readForm>;

/** The public call: no account, a plain-language form, "is this already known?", then a link by e-mail. */
export function CallPage() {
  const { t } = useTranslation();
  const { municipalities, error } = useMunicipalities();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [candidates, setCandidates] = useState<{ body: Body; list: Candidate[] } | undefined>();
  const [sent, setSent] = useState(false);

  const send = async (body: Body, notADuplicate: boolean) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await post('/api/public/networkmap/calls', { ...body, notADuplicate });
      setSent(true);
      setCandidates(undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'POSSIBLE_DUPLICATE') setCandidates({ body, list: (e.details as { candidates: Candidate[] }).candidates });
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(readForm(event.currentTarget), false);
  };

  return (
    <PublicFrame title={t('networkmap.call.title')}>
      <p>{t('networkmap.call.intro')}</p>
      <p>{t('networkmap.call.how')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      {failure !== undefined && <ErrorNotice error={failure}>{failure instanceof ApiError && failure.code === 'RATE_LIMITED' ? <p>{t('networkmap.call.tooMany')}</p> : null}</ErrorNotice>}
      {sent ? (
        <section className="notice notice--success" role="status" aria-labelledby="call-sent">
          <h2 id="call-sent">{t('networkmap.call.sentTitle')}</h2>
          <p>{t('networkmap.call.sent')}</p>
        </section>
      ) : candidates ? (
        <section className="notice" aria-labelledby="call-known">
          <h2 id="call-known">{t('networkmap.call.knownTitle')}</h2>
          <p>{t('networkmap.call.known')}</p>
          <ul>
            {candidates.list.map((c) => (
              <li key={c.id}><Link to={`/netwerkkaart/initiatieven/${c.id}`}>{c.title}</Link> ({c.municipality}{c.partners ? `, ${c.partners}` : ''})</li>
            ))}
          </ul>
          <div className="networkmap-actions">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void send(candidates.body, true)}>{t('networkmap.call.notKnown')}</button>
            <button type="button" className="button" onClick={() => setCandidates(undefined)}>{t('networkmap.call.back')}</button>
          </div>
        </section>
      ) : municipalities ? (
        <InitiativeForm municipalities={municipalities} busy={busy} submitLabel={t('networkmap.call.send')} onSubmit={submit} />
      ) : (
        error === undefined && <Loading />
      )}
    </PublicFrame>
  );
}
