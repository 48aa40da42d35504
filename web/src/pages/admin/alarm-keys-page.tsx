import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, post, withQuery } from '../../api/client.js';
import type { ApiItem, ApiJson, Items } from '../../api/types.js';
import { useApi, type ApiState } from '../../api/use-api.js';
import { ErrorSummary, SelectField, TextField } from '../../components/form.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import { formatDateTime } from '../../i18n/format.js';
import { SupervisionSection } from './supervision-section.js';

const URL = '/api/nightcare/alarm-keys';
/** DC-09-2013 §5.5.1.7: AES-128, -192 or -256. */
const KEY_BITS = [128, 192, 256] as const satisfies readonly NonNullable<AlarmKey['bits']>[];
type KeyBits = (typeof KEY_BITS)[number];

/** An account with a key as the API lists it: never the key itself. */
type AlarmKey = ApiItem<'GET /api/nightcare/alarm-keys'>;

/** A fresh AES key from the browser's cryptographic random source, as hex. */
function randomKey(bits: KeyBits): string {
  const bytes = crypto.getRandomValues(new Uint8Array(bits / 8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function KeyList({ list, onDelete }: { list: ApiState<Items<AlarmKey>>; onDelete: (key: AlarmKey) => void }) {
  const { t } = useTranslation();
  if (list.state === 'idle' || list.state === 'loading') return <Loading />;
  if (list.state === 'error') return <ErrorNotice error={list.error} />;
  if (list.data.items.length === 0) return <Empty>{t('admin.alarmKeys.empty')}</Empty>;
  return (
    <ul className="stack" aria-label={t('admin.alarmKeys.listLabel')}>
      {list.data.items.map((k) => (
        <li key={k.account} className="card">
          <strong>
            <code>#{k.account}</code>
          </strong>{' '}
          {k.bits ? <span className="badge badge--ok">{t('admin.alarmKeys.bits', { bits: k.bits })}</span> : <span className="badge badge--warn">{t('admin.alarmKeys.unreadable')}</span>}
          <p className="muted">
            {t('admin.alarmKeys.createdAt', { date: formatDateTime(k.createdAt) })}
            {k.updatedAt !== k.createdAt && <> · {t('admin.alarmKeys.replacedAt', { date: formatDateTime(k.updatedAt) })}</>}
          </p>
          <button type="button" className="button button--danger button--small" onClick={() => onDelete(k)}>
            {t('admin.alarmKeys.delete', { account: k.account })}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function AlarmKeysPage() {
  const { t } = useTranslation();
  const alliances = useApi('GET /api/alliances');
  const [chosenAlliance, setChosenAlliance] = useState('');
  const allianceList = alliances.state === 'ok' ? alliances.data.items : [];
  const allianceId = chosenAlliance || allianceList[0]?.id || '';
  // Wait for the alliances, so the list shown is the one the form writes to.
  const list = useApi('GET /api/nightcare/alarm-keys', alliances.state === 'ok' ? { query: { allianceId } } : null);
  const [form, setForm] = useState<{ account: string; bits: KeyBits; key: string }>({ account: '', bits: 256, key: '' });
  const [done, setDone] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const submit = useSubmit('alarmKeys');
  const labels: Record<string, string> = {
    allianceId: t('admin.alliance'),
    account: t('admin.alarmKeys.account'),
    bits: t('admin.alarmKeys.length'),
    key: t('admin.alarmKeys.key'),
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    let replaced = false;
    const ok = await submit.run(async () => {
      replaced = (await post<ApiJson<'POST /api/nightcare/alarm-keys'>>(URL, { allianceId: allianceId || undefined, account: form.account.trim(), key: form.key.trim() })).replaced;
    });
    if (ok) {
      const account = form.account.trim().toUpperCase();
      setDone(t(replaced ? 'admin.alarmKeys.replaced' : 'admin.alarmKeys.saved', { account }));
      // The key leaves the page once stored: the server never shows it again.
      setForm({ ...form, account: '', key: '' });
      list.reload();
    }
  };
  const remove = async (key: AlarmKey) => {
    if (!window.confirm(t('admin.alarmKeys.deleteConfirm', { account: key.account }))) return;
    setDeleteError(null);
    setDone(null);
    try {
      await del(withQuery(`${URL}/${encodeURIComponent(key.account)}`, { allianceId }));
      setDone(t('admin.alarmKeys.deleted', { account: key.account }));
      list.reload();
    } catch (e) {
      setDeleteError(e);
    }
  };

  return (
    <>
      <h1>{t('admin.alarmKeys.title')}</h1>
      <p>{t('admin.alarmKeys.intro')}</p>
      {alliances.state === 'error' && <ErrorNotice error={alliances.error} />}
      {allianceList.length > 1 && (
        <SelectField path="allianceId" label={labels.allianceId ?? ''} value={allianceId} onChange={(e) => setChosenAlliance(e.target.value)}>
          {allianceList.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      )}
      {done && (
        <p className="notice notice--ok" role="status">
          {done}
        </p>
      )}
      {deleteError !== null && <ErrorNotice error={deleteError} />}
      {alliances.state !== 'error' && <KeyList list={list} onDelete={(k) => void remove(k)} />}
      <h2 className="section-title">{t('admin.alarmKeys.set')}</h2>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
      <form className="card form" onSubmit={(e) => void save(e)} noValidate>
        <TextField
          path="account"
          label={labels.account ?? ''}
          hint={t('admin.alarmKeys.accountHint')}
          errors={submit.errors}
          value={form.account}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setForm({ ...form, account: e.target.value })}
        />
        <SelectField path="bits" label={labels.bits ?? ''} hint={t('admin.alarmKeys.lengthHint')} value={form.bits} onChange={(e) => setForm({ ...form, bits: Number(e.target.value) as KeyBits })}>
          {KEY_BITS.map((bits) => (
            <option key={bits} value={bits}>
              {t('admin.alarmKeys.bits', { bits })}
            </option>
          ))}
        </SelectField>
        <TextField
          path="key"
          label={labels.key ?? ''}
          hint={t('admin.alarmKeys.keyHint', { length: form.key.trim().length })}
          errors={submit.errors}
          className="secret secret--small"
          value={form.key}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setForm({ ...form, key: e.target.value })}
        />
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={() => setForm({ ...form, key: randomKey(form.bits) })}>
            {t('admin.alarmKeys.generate', { bits: form.bits })}
          </button>
          <button type="submit" className="button button--primary" disabled={submit.busy}>
            {t('admin.alarmKeys.save')}
          </button>
        </div>
        <p className="muted">{t('admin.alarmKeys.transmitterNote')}</p>
      </form>
      {alliances.state === 'ok' && <SupervisionSection allianceId={allianceId} />}
    </>
  );
}
