import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';
import { formatDate } from '../../i18n/format.js';
import { formPaths } from '../nightcare/form-paths.js';

type Decision = NonNullable<ApiJson<'GET /api/respite/requests'>[number]['wmoDecision']>;

/** The decision on file, in words, for everyone who reads the request. */
export function WmoDecisionSummary({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const text = decision.granted
    ? t('respitePartners.wmo.granted', { nights: decision.nightsPerYear ?? 0, from: formatDate(decision.validFrom ?? ''), until: decision.validUntil ? formatDate(decision.validUntil) : t('respitePartners.wmo.openEnded') })
    : t('respitePartners.wmo.refused');
  return (
    <>
      <p><strong>{t('respitePartners.wmo.onFile')}</strong> {text}{decision.reference && ` (${decision.reference})`}</p>
      {decision.refusalReason && <p><strong>{t('respitePartners.wmo.reason')}:</strong> {decision.refusalReason}</p>}
    </>
  );
}

/**
 * The municipality's Wmo decision (beschikking) on a request: nights per year and validity, or a refusal
 * with its reason, which closes the request as no funding (as the server does).
 */
export function WmoDecisionForm({ requestId, onDecided }: { requestId: string; onDecided: () => void }) {
  const { t } = useTranslation();
  const paths = formPaths(`wmo-${requestId}`);
  const submit = useSubmit();
  const [granted, setGranted] = useState<'yes' | 'no'>('yes');
  const [nightsPerYear, setNights] = useState('');
  const [validFrom, setFrom] = useState('');
  const [validUntil, setUntil] = useState('');
  const [reference, setReference] = useState('');
  const [refusalReason, setReason] = useState('');
  const decide = async (event: FormEvent) => {
    event.preventDefault();
    const body = granted === 'yes'
      ? { granted: true, nightsPerYear: nightsPerYear === '' ? undefined : Number(nightsPerYear), validFrom: validFrom || undefined, validUntil: validUntil || undefined, reference }
      : { granted: false, reference, refusalReason };
    if (await submit.run(() => post(`/api/respite/requests/${requestId}/wmo-decision`, body))) onDecided();
  };
  const errors = paths.errors(submit.errors);
  // Missing or too long: the server names the field, the form says what it wants.
  const reasonPath = paths.path('refusalReason');
  if (errors[reasonPath]) errors[reasonPath] = t('respitePartners.wmo.reasonRequired');
  const labels: Record<string, string> = {
    granted: t('respitePartners.wmo.decision'), nightsPerYear: t('respitePartners.wmo.nightsPerYear'), validFrom: t('respitePartners.wmo.validFrom'),
    validUntil: t('respitePartners.wmo.validUntil'), reference: t('respitePartners.wmo.reference'), refusalReason: t('respitePartners.wmo.reason'),
  };
  const titleId = `wmo-${requestId}-title`;
  return (
    <form className="form" noValidate aria-labelledby={titleId} onSubmit={(e) => void decide(e)}>
      <h3 id={titleId}>{t('respitePartners.wmo.title')}</h3>
      <ErrorSummary errors={errors} general={submit.general} labelFor={(path) => labels[paths.field(path)]} attempt={submit.attempt} />
      <SelectField path={paths.path('granted')} label={labels.granted!} errors={errors} value={granted} onChange={(e) => setGranted(e.target.value as 'yes' | 'no')}>
        <option value="yes">{t('respitePartners.wmo.grant')}</option>
        <option value="no">{t('respitePartners.wmo.refuse')}</option>
      </SelectField>
      {granted === 'yes' && (
        <>
          <TextField path={paths.path('nightsPerYear')} type="number" min={1} max={365} label={labels.nightsPerYear!} errors={errors} value={nightsPerYear} onChange={(e) => setNights(e.target.value)} required />
          <TextField path={paths.path('validFrom')} type="date" label={labels.validFrom!} errors={errors} value={validFrom} onChange={(e) => setFrom(e.target.value)} required />
          <TextField path={paths.path('validUntil')} type="date" label={labels.validUntil!} hint={t('respitePartners.wmo.validUntilHint')} errors={errors} value={validUntil} onChange={(e) => setUntil(e.target.value)} />
        </>
      )}
      {granted === 'no' && (
        <TextAreaField path={paths.path('refusalReason')} label={labels.refusalReason!} hint={t('respitePartners.wmo.reasonHint')} errors={errors} value={refusalReason} onChange={(e) => setReason(e.target.value)} maxLength={1000} required />
      )}
      <TextField path={paths.path('reference')} label={labels.reference!} errors={errors} value={reference} onChange={(e) => setReference(e.target.value)} maxLength={80} />
      <button type="submit" className="button" disabled={submit.busy}>{t('respitePartners.wmo.submit')}</button>
    </form>
  );
}
