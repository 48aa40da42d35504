import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, post } from '../../api/client.js';
import type { ApiJson, ApiKey } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { ErrorNotice } from '../../components/status.js';
import { CardList } from '../../components/card-list.js';
import { useSubmit } from '../../components/use-submit.js';
import { formatDateTime } from '../../i18n/format.js';

/** The full key exists only in this answer: the server keeps a hash, so it is shown once. */
function NewKey({ name, value, onDone }: { name: string; value: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <section className="notice notice--warning" aria-labelledby="new-key-title" role="alert">
      <h2 id="new-key-title">{t('admin.apiKeys.newKeyTitle', { name })}</h2>
      <p>{t('admin.apiKeys.newKeyWarning')}</p>
      <p className="secret">{value}</p>
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={() => void navigator.clipboard.writeText(value).then(() => setCopied(true))}>
          {copied ? t('admin.apiKeys.copied') : t('admin.apiKeys.copy')}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          {t('admin.apiKeys.stored')}
        </button>
      </div>
    </section>
  );
}

export function ApiKeysPage() {
  const { t } = useTranslation();
  const list = useApi('GET /api/api-keys');
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<{ name: string; key: string } | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const submit = useSubmit();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    let key = '';
    const ok = await submit.run(async () => {
      key = (await post<ApiJson<'POST /api/api-keys'>>('/api/api-keys', { name })).key;
    });
    if (ok) {
      setFresh({ name, key });
      setName('');
      list.reload();
    }
  };
  const revoke = async (key: ApiKey) => {
    if (!window.confirm(t('admin.apiKeys.revokeConfirm', { name: key.name }))) return;
    setRevokeError(null);
    try {
      await del(`/api/api-keys/${key.id}`);
      list.reload();
    } catch (e) {
      setRevokeError(e);
    }
  };

  return (
    <>
      <h1>{t('admin.apiKeys.title')}</h1>
      <p>{t('admin.apiKeys.intro')}</p>
      {fresh && <NewKey name={fresh.name} value={fresh.key} onDone={() => setFresh(null)} />}
      {revokeError !== null && <ErrorNotice error={revokeError} />}
      <CardList resource={list} empty={t('admin.apiKeys.empty')}>
        {(k) => (
          <>
            <strong>{k.name}</strong> <code>{k.prefix}…</code>
            <p className="muted">
              {t('admin.apiKeys.createdAt', { date: formatDateTime(k.created_at) })}
              {k.revoked_at && ` · ${t('admin.apiKeys.revokedAt', { date: formatDateTime(k.revoked_at) })}`}
            </p>
            {!k.revoked_at && (
              <button type="button" className="button button--danger button--small" onClick={() => void revoke(k)}>
                {t('admin.apiKeys.revoke', { name: k.name })}
              </button>
            )}
          </>
        )}
      </CardList>
      <h2 className="section-title">{t('admin.apiKeys.create')}</h2>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={() => t('admin.apiKeys.name')} attempt={submit.attempt} />
      <form className="card form" onSubmit={(e) => void create(e)} noValidate>
        <TextField path="name" label={t('admin.apiKeys.name')} hint={t('admin.apiKeys.nameHint')} errors={submit.errors} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button button--primary" disabled={submit.busy}>
          {t('admin.apiKeys.create')}
        </button>
      </form>
    </>
  );
}
