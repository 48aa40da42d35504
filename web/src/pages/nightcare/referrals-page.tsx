import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { post } from '../../api/client.js';
import { ErrorSummary, SelectField, TextAreaField } from '../../components/form.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { useMe } from '../../session/session.js';
import { useApi } from '../../api/use-api.js';
import { referralOutcomes, type Referral } from './types.js';
import { UrgencyBadge } from './urgency-badge.js';
import './nightcare.css';

function AnswerForm({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmit('referralAnswer');
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<string>(referralOutcomes[0]);
  const labels: Record<string, string> = { answer: t('nightcare.referrals.answer'), outcome: t('nightcare.referrals.outcome') };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(() => post(`/api/nightcare/referrals/${referral.id}/answer`, { answer, outcome }))) onDone();
  };
  return (
    <form className="form" onSubmit={(e) => void send(e)} noValidate>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
      <SelectField path="outcome" label={labels.outcome!} errors={submit.errors} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
        {referralOutcomes.map((o) => (
          <option key={o} value={o}>
            {t(`nightcare.referrals.outcomes.${o}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField path="answer" label={labels.answer!} errors={submit.errors} value={answer} onChange={(e) => setAnswer(e.target.value)} rows={4} />
      <button type="submit" className="button button--primary" disabled={submit.busy}>
        {t('nightcare.referrals.send')}
      </button>
    </form>
  );
}

function ReferralDetail({ id, onChanged, onClose }: { id: string; onChanged: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useApi('GET /api/nightcare/referrals/{id}', { path: { id } });
  if (detail.loading) return <Loading />;
  if (detail.error || !detail.data) return <ErrorNotice error={detail.error} />;
  const r = detail.data;
  const c = r.client;
  return (
    <article className="card nc-panel" aria-labelledby="referral-title">
      <div className="page__head">
        <h2 id="referral-title">
          <UrgencyBadge urgency={r.urgency} /> {r.reason}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          {t('nightcare.close')}
        </button>
      </div>
      <p className="muted">{t('nightcare.referrals.sentBy', { name: r.sentByName, time: formatDateTime(r.sentAt) })}</p>
      {c ? (
        <dl className="pairs">
          <dt>{t('nightcare.panel.client')}</dt>
          <dd>
            {c.givenName} {c.familyName} ({formatDate(c.dateOfBirth)})
          </dd>
          <dt>{t('nightcare.panel.address')}</dt>
          <dd>
            {c.street} {c.houseNumber}, {c.postcode} {c.city}
          </dd>
          <dt>{t('nightcare.panel.organisation')}</dt>
          <dd>{c.organisationName}</dd>
        </dl>
      ) : (
        <p className="notice notice--warning">{t('nightcare.referrals.noClient')}</p>
      )}
      <section>
        <h3>{t('nightcare.referrals.summary')}</h3>
        <p className="nc-note">{r.summary}</p>
      </section>
      <section>
        <h3>{t('nightcare.referrals.answerTitle')}</h3>
        {r.status === 'answered' ? (
          <p className="notice notice--ok">
            {t(`nightcare.referrals.outcomes.${r.outcome ?? 'no_action'}`)}: {r.answer}
            <br />
            <span className="muted">{t('nightcare.referrals.answeredBy', { name: r.answeredByName ?? '—', time: formatDateTime(r.answeredAt) })}</span>
          </p>
        ) : (
          <AnswerForm
            referral={r}
            onDone={() => {
              detail.reload();
              onChanged();
            }}
          />
        )}
      </section>
    </article>
  );
}

/** The GP post's inbox: referrals from the night team, opened one at a time (each opening is audited). */
export function ReferralsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const isGpPost = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.kind === 'gp_post';
  const [params, setParams] = useSearchParams();
  const selected = params.get('referral');
  const [status, setStatus] = useState('');
  const list = useApi('GET /api/nightcare/referrals', isGpPost ? { query: { status: status || undefined } } : null);
  const select = (id: string | null) => setParams(id ? { referral: id } : {});

  if (!isGpPost) return <p className="notice">{t('nightcare.referrals.onlyGpPost')}</p>;
  return (
    <div className="nc-wide">
      <h1>{t('nightcare.referrals.title')}</h1>
      <form className="nc-toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="referral-status">{t('nightcare.filters.status')}</label>
          <select id="referral-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('nightcare.filters.all')}</option>
            <option value="sent">{t('nightcare.referrals.statuses.sent')}</option>
            <option value="answered">{t('nightcare.referrals.statuses.answered')}</option>
          </select>
        </div>
      </form>
      <div className="nc-board__grid">
        <section aria-labelledby="referral-list-title">
          <h2 id="referral-list-title" className="nc-section-title">
            {t('nightcare.referrals.list', { count: list.data?.items.length ?? 0 })}
          </h2>
          {list.loading && <Loading />}
          {list.error && <ErrorNotice error={list.error} />}
          {list.data?.items.length === 0 && <Empty>{t('nightcare.referrals.empty')}</Empty>}
          <ul className="nc-list nc-incidents">
            {list.data?.items.map((r) => (
              <li key={r.id} className={`nc-item${r.status === 'answered' ? ' nc-item--closed' : ''}`}>
                <button type="button" className="nc-item__button" aria-current={r.id === selected || undefined} onClick={() => select(r.id)}>
                  <UrgencyBadge urgency={r.urgency} />
                  <span className="nc-item__body">
                    <span className="nc-item__title nc-item__title--wrap">{r.reason}</span>
                    <span className="nc-item__meta">{formatDateTime(r.sentAt)}</span>
                  </span>
                  <span className={`badge ${r.status === 'answered' ? 'badge--ok' : 'badge--warn'}`}>{t(`nightcare.referrals.statuses.${r.status}`)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <div>{selected ? <ReferralDetail key={selected} id={selected} onChanged={list.reload} onClose={() => select(null)} /> : <p className="muted nc-hint">{t('nightcare.referrals.selectHint')}</p>}</div>
      </div>
    </div>
  );
}
