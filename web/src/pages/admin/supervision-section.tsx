import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch, post, withQuery } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import type { FieldErrors } from '../../i18n/errors.js';
import { formatDateTime } from '../../i18n/format.js';

const URL = '/api/nightcare/supervision';
type Overview = ApiJson<'GET /api/nightcare/supervision'>;
type Source = Overview['sources'][number];

/** Digits become a number; anything else goes as typed, so the server's validation names the field instead of it turning into "default". */
/** The alarm-key form above already has a field `account`; ours gets its own id, and the server's errors follow it. */
const ACCOUNT_PATH = 'supervisedAccount';
const withOwnAccountPath = (errors: FieldErrors): FieldErrors => Object.fromEntries(Object.entries(errors).map(([path, message]) => [path === 'account' ? ACCOUNT_PATH : path, message]));

const wholeNumber = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

function SourceItem({ source, onForget }: { source: Source; onForget: (account: string) => void }) {
  const { t } = useTranslation();
  const label = source.kind === 'dc09' ? `#${source.source}` : t('supervision.silentCentre', { name: source.name ?? source.source });
  return (
    <li className="card">
      <strong>{source.kind === 'dc09' ? <code>{label}</code> : label}</strong>{' '}
      {source.silentSince ? <span className="badge badge--warn">{t('supervision.admin.silentSince', { date: formatDateTime(source.silentSince) })}</span> : null}
      <p className="muted">
        {source.lastSeenAt ? t('supervision.lastHeard', { date: formatDateTime(source.lastSeenAt) }) : t('supervision.neverHeard')}
        {' · '}
        {t('supervision.admin.intervalOf', { minutes: source.intervalMinutes })}
        {source.testIntervalMinutes === null && ` (${t('supervision.admin.defaultInterval')})`}
      </p>
      {source.kind === 'dc09' && (
        <button type="button" className="button button--danger button--small" onClick={() => onForget(source.source)}>
          {t('supervision.admin.forget', { account: source.source })}
        </button>
      )}
    </li>
  );
}

/** Supervision settings of one alliance: the night-time silence alarm and per-account test intervals. */
export function SupervisionSection({ allianceId }: { allianceId: string }) {
  const { t } = useTranslation();
  const overview = useApi('GET /api/nightcare/supervision', allianceId ? { query: { allianceId } } : null);
  const [silence, setSilence] = useState('');
  const [form, setForm] = useState({ account: '', minutes: '' });
  const [done, setDone] = useState<string | null>(null);
  const [forgetError, setForgetError] = useState<unknown>(null);
  const silenceSubmit = useSubmit('supervision');
  const intervalSubmit = useSubmit('supervision');
  const data = overview.state === 'ok' ? overview.data : undefined;
  useEffect(() => {
    if (data) setSilence(String(data.intakeSilenceMinutes));
  }, [data]);
  const labels: Record<string, string> = { intakeSilenceMinutes: t('supervision.admin.silence'), [ACCOUNT_PATH]: t('supervision.admin.account'), testIntervalMinutes: t('supervision.admin.interval') };
  const intervalErrors = withOwnAccountPath(intervalSubmit.errors);

  const saveSilence = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const minutes = wholeNumber(silence);
    if (await silenceSubmit.run(() => patch(`${URL}/settings`, { allianceId, intakeSilenceMinutes: minutes }))) setDone(t('supervision.admin.silenceSaved', { minutes: silence.trim() }));
  };
  const saveInterval = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const account = form.account.trim().toUpperCase();
    const testIntervalMinutes = form.minutes.trim() === '' ? null : wholeNumber(form.minutes);
    if (await intervalSubmit.run(() => post(`${URL}/accounts`, { allianceId, account, testIntervalMinutes }))) {
      setDone(t('supervision.admin.intervalSaved', { account }));
      setForm({ account: '', minutes: '' });
      overview.reload();
    }
  };
  const forget = async (account: string) => {
    if (!window.confirm(t('supervision.admin.forgetConfirm', { account }))) return;
    setForgetError(null);
    setDone(null);
    try {
      await del(withQuery(`${URL}/accounts/${encodeURIComponent(account)}`, { allianceId }));
      setDone(t('supervision.admin.forgotten', { account }));
      overview.reload();
    } catch (e) {
      setForgetError(e);
    }
  };

  return (
    <section aria-labelledby="supervision-title">
      <h2 id="supervision-title" className="section-title">
        {t('supervision.admin.title')}
      </h2>
      <p>{t('supervision.admin.intro', { hours: data ? data.defaults.dc09 / 60 : 24 })}</p>
      {done && (
        <p className="notice notice--ok" role="status">
          {done}
        </p>
      )}
      {overview.state === 'error' && <ErrorNotice error={overview.error} />}
      <ErrorSummary errors={silenceSubmit.errors} general={silenceSubmit.general} labelFor={(p) => labels[p]} attempt={silenceSubmit.attempt} />
      <form className="card form" onSubmit={(e) => void saveSilence(e)} noValidate>
        <TextField path="intakeSilenceMinutes" label={labels.intakeSilenceMinutes ?? ''} hint={t('supervision.admin.silenceHint')} errors={silenceSubmit.errors} inputMode="numeric" value={silence} onChange={(e) => setSilence(e.target.value)} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={silenceSubmit.busy || !data}>
            {t('supervision.admin.saveSilence')}
          </button>
        </div>
      </form>
      <ErrorSummary errors={intervalErrors} general={intervalSubmit.general} labelFor={(p) => labels[p]} attempt={intervalSubmit.attempt} />
      <form className="card form" onSubmit={(e) => void saveInterval(e)} noValidate>
        <TextField path={ACCOUNT_PATH} label={labels[ACCOUNT_PATH] ?? ''} errors={intervalErrors} autoComplete="off" spellCheck={false} value={form.account} onChange={(e) => setForm({ ...form, account: e.target.value })} />
        <TextField
          path="testIntervalMinutes"
          label={labels.testIntervalMinutes ?? ''}
          hint={t('supervision.admin.intervalHint', { minutes: data?.defaults.dc09 ?? 1440 })}
          errors={intervalErrors}
          inputMode="numeric"
          value={form.minutes}
          onChange={(e) => setForm({ ...form, minutes: e.target.value })}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={intervalSubmit.busy}>
            {t('supervision.admin.saveInterval')}
          </button>
        </div>
      </form>
      <h3>{t('supervision.admin.sources', { count: data?.sources.length ?? 0 })}</h3>
      {forgetError !== null && <ErrorNotice error={forgetError} />}
      {overview.state === 'loading' && <Loading />}
      {data && data.sources.length === 0 && <Empty>{t('supervision.admin.empty')}</Empty>}
      {data && data.sources.length > 0 && (
        <ul className="stack" aria-label={t('supervision.admin.listLabel')}>
          {data.sources.map((s) => (
            <SourceItem key={`${s.kind}:${s.source}`} source={s} onForget={(account) => void forget(account)} />
          ))}
        </ul>
      )}
    </section>
  );
}
