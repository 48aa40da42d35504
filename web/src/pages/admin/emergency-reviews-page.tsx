import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { post } from '../../api/client.js';
import type { EmergencyReview } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, TextAreaField } from '../../components/form.js';
import { CardList } from '../../components/card-list.js';
import { useSubmit } from '../../components/use-submit.js';
import { formatDateTime } from '../../i18n/format.js';

const STATUSES = ['pending', 'justified', 'unjustified', 'all'] as const;

function ReviewForm({ review, onDone }: { review: EmergencyReview; onDone: () => void }) {
  const { t } = useTranslation();
  const [verdict, setVerdict] = useState<'justified' | 'unjustified' | ''>('');
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(async () => {
      await post(`/api/audit/emergency-reviews/${review.id}`, { verdict, ...(note.trim() ? { note: note.trim() } : {}) });
    });
    if (ok) onDone();
  };
  const prefix = `review-${review.id}`;
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="form">
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={() => t('admin.reviews.verdict')} attempt={submit.attempt} />
      <fieldset className="choice">
        <legend>{t('admin.reviews.verdict')}</legend>
        <label>
          <input type="radio" name={`${prefix}-verdict`} checked={verdict === 'justified'} onChange={() => setVerdict('justified')} /> {t('admin.reviews.justified')}
        </label>
        <label>
          <input type="radio" name={`${prefix}-verdict`} checked={verdict === 'unjustified'} onChange={() => setVerdict('unjustified')} /> {t('admin.reviews.unjustified')}
        </label>
      </fieldset>
      <TextAreaField path={`${prefix}-note`} label={t('admin.reviews.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} />
      <button type="submit" className="button button--primary" disabled={submit.busy || !verdict}>
        {t('admin.reviews.submit')}
      </button>
    </form>
  );
}

export function EmergencyReviewsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'pending';
  const list = useApi('GET /api/audit/emergency-reviews', { query: { status: status === 'all' ? undefined : status } });
  return (
    <>
      <h1>{t('admin.reviews.title')}</h1>
      <p>{t('admin.reviews.intro')}</p>
      <div className="field">
        <label htmlFor="review-status">{t('admin.reviews.status')}</label>
        <select id="review-status" value={status} onChange={(e) => setParams({ status: e.target.value })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`admin.reviews.statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <CardList resource={list} empty={t('admin.reviews.empty')}>
        {(r) => (
          <>
            <h2>
              <Link to={`/clients/${r.clientId}`}>{r.clientName}</Link>
            </h2>
            <dl className="pairs">
              <dt>{t('admin.reviews.who')}</dt>
              <dd>
                {r.userName} · {r.organisationName}
              </dd>
              <dt>{t('admin.reviews.reason')}</dt>
              <dd>{r.reason ?? '—'}</dd>
              <dt>{t('admin.reviews.when')}</dt>
              <dd>{t('admin.reviews.period', { from: formatDateTime(r.grantedAt), to: formatDateTime(r.expiresAt) })}</dd>
              <dt>{t('admin.reviews.status')}</dt>
              <dd>
                <span className={`badge badge--${r.reviewStatus === 'unjustified' ? 'warn' : 'ok'}`}>{t(`admin.reviews.statuses.${r.reviewStatus}`, { defaultValue: r.reviewStatus })}</span>
                {r.reviewNote && <span className="muted"> — {r.reviewNote}</span>}
              </dd>
            </dl>
            {r.reviewStatus === 'pending' && <ReviewForm review={r} onDone={list.reload} />}
          </>
        )}
      </CardList>
    </>
  );
}
