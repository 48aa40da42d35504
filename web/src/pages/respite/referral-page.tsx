import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import { useMe } from '../../session/session.js';

type Referred = ApiJson<'POST /api/respite/referrals'>;

const EMPTY = { municipality: '', route: 'caregiver_support', from: '', to: '', forWhom: '', needs: '', caregiverName: '', caregiverEmail: '', caregiverPhone: '', strainScore: '' };
type Fields = typeof EMPTY;

/**
 * The GP or practice nurse refers an overburdened caregiver (issue 12 item 13): the referral becomes a
 * request at the municipality's intake. The referrer hears the reference and who will call; nothing more.
 */
export function RespiteReferralPage() {
  const { t } = useTranslation();
  const me = useMe();
  const allianceId = me.activeAllianceId ?? (me.alliances.length === 1 ? me.alliances[0]?.id : undefined);
  const overview = useApi('GET /api/public/respite/alliances/{allianceId}', allianceId ? { path: { allianceId } } : null);
  const submit = useSubmit();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [sent, setSent] = useState<Referred>();
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sent) confirmation.current?.focus();
  }, [sent]);
  const municipalities = overview.data?.municipalities ?? [];
  if (!allianceId) return <div className="page"><p className="notice notice--error" role="alert">{t('respitePartners.referral.noAlliance')}</p></div>;
  if (overview.loading) return <Loading />;
  if (!overview.data) return <div className="page"><ErrorNotice error={overview.error} /></div>;
  const set = (name: keyof Fields) => (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value });
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const { caregiverPhone, strainScore, municipality, ...rest } = fields;
    await submit.run(async () => {
      setSent(await post<Referred>('/api/respite/referrals', {
        ...rest, municipality: municipality || municipalities[0], ...(caregiverPhone ? { caregiverPhone } : {}), ...(strainScore !== '' ? { strainScore: Number(strainScore) } : {}),
      }));
    });
  };
  const label = (name: keyof Fields) => t(`respitePartners.referral.fields.${name}`);
  if (sent) {
    return (
      <div className="page">
        <h1>{t('respitePartners.referral.title')}</h1>
        <div className="notice notice--ok" role="status" tabIndex={-1} ref={confirmation}>
          <p>{t('respitePartners.referral.sent', { reference: sent.reference, intake: sent.intake.name, phone: sent.intake.phone })}</p>
        </div>
        <button type="button" className="button button--secondary" onClick={() => { setFields(EMPTY); setSent(undefined); }}>{t('respitePartners.referral.another')}</button>
      </div>
    );
  }
  return (
    <div className="page">
      <h1>{t('respitePartners.referral.title')}</h1>
      <p>{t('respitePartners.referral.intro')}</p>
      <form className="form" noValidate onSubmit={(e) => void send(e)}>
        <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(path) => (path in EMPTY ? label(path as keyof Fields) : undefined)} attempt={submit.attempt} />
        <SelectField path="municipality" label={label('municipality')} errors={submit.errors} value={fields.municipality || municipalities[0] || ''} onChange={set('municipality')}>
          {municipalities.map((m) => <option key={m} value={m}>{m}</option>)}
        </SelectField>
        <SelectField path="route" label={label('route')} errors={submit.errors} value={fields.route} onChange={set('route')}>
          <option value="caregiver_support">{t('respitePartners.referral.routes.caregiver_support')}</option>
          <option value="wmo">{t('respitePartners.referral.routes.wmo')}</option>
        </SelectField>
        <TextField path="from" type="date" label={label('from')} hint={t('respitePartners.referral.whenHint')} errors={submit.errors} value={fields.from} onChange={set('from')} required />
        <TextField path="to" type="date" label={label('to')} errors={submit.errors} value={fields.to} onChange={set('to')} required />
        <TextField path="forWhom" label={label('forWhom')} hint={t('respitePartners.referral.forWhomHint')} errors={submit.errors} value={fields.forWhom} onChange={set('forWhom')} maxLength={200} required />
        <TextAreaField path="needs" label={label('needs')} errors={submit.errors} value={fields.needs} onChange={set('needs')} maxLength={2000} />
        <TextField path="caregiverName" label={label('caregiverName')} errors={submit.errors} value={fields.caregiverName} onChange={set('caregiverName')} maxLength={120} autoComplete="off" required />
        <TextField path="caregiverEmail" type="email" label={label('caregiverEmail')} errors={submit.errors} value={fields.caregiverEmail} onChange={set('caregiverEmail')} maxLength={200} autoComplete="off" required />
        <TextField path="caregiverPhone" type="tel" label={label('caregiverPhone')} errors={submit.errors} value={fields.caregiverPhone} onChange={set('caregiverPhone')} maxLength={40} autoComplete="off" />
        <TextField path="strainScore" type="number" min={0} max={13} label={label('strainScore')} hint={t('respitePartners.referral.strainHint')} errors={submit.errors} value={fields.strainScore} onChange={set('strainScore')} />
        <button type="submit" className="button" disabled={submit.busy}>{t('respitePartners.referral.submit')}</button>
      </form>
    </div>
  );
}
