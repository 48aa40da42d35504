import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { ResourceForm } from './resource-form.js';
import type { OwnResource } from './types.js';
import { useFetch } from './use-fetch.js';
import './networkmap.css';

/** The publisher's resources: publish a new one, edit or withdraw what the organisation published. */
export function ResourceAdminPage() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<OwnResource | 'new' | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const own = useFetch<OwnResource[]>(`/api/networkmap/resources/own?v=${version}`, true);
  const reload = (message: string) => {
    setDone(message);
    setEditing(undefined);
    setVersion((v) => v + 1);
  };
  const withdraw = async (r: OwnResource) => {
    setError(undefined);
    try {
      await post(`/api/networkmap/resources/${r.id}/withdraw`);
      reload(t('networkmap.publish.withdrawn', { title: r.title }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main className="page networkmap" id="main">
      <h1>{t('networkmap.publish.title')}</h1>
      {done && <p className="notice notice--success" role="status">{done}</p>}
      {(error ?? own.error) !== undefined && <ErrorNotice error={error ?? own.error} />}
      {editing ? (
        <ResourceForm key={editing === 'new' ? 'new' : editing.id} editing={editing === 'new' ? undefined : editing} onSaved={(title) => reload(t('networkmap.publish.saved', { title }))} onCancel={() => setEditing(undefined)} />
      ) : (
        <p><button type="button" className="button" onClick={() => { setDone(undefined); setEditing('new'); }}>{t('networkmap.publish.new')}</button></p>
      )}
      <h2>{t('networkmap.publish.ownTitle')}</h2>
      {!own.data && own.error === undefined && <Loading />}
      {own.data?.length === 0 && <p>{t('networkmap.publish.none')}</p>}
      <ul className="networkmap-list">
        {own.data?.map((r) => (
          <li key={r.id}>
            <h3>{r.withdrawnAt ? r.title : <Link to={`/netwerkkaart/hulpmiddelen/${r.id}`}>{r.title}</Link>}</h3>
            <p className="networkmap-meta">{t(`networkmap.publish.kind.${r.kind}`)}{r.withdrawnAt ? ` · ${t('networkmap.publish.isWithdrawn')}` : ''}{r.initiatives.length ? ` · ${r.initiatives.map((i) => i.title).join(', ')}` : ''}</p>
            {!r.withdrawnAt && (
              <div className="networkmap-actions">
                <button type="button" className="button button--secondary" onClick={() => { setDone(undefined); setEditing(r); }}>{t('networkmap.publish.edit', { title: r.title })}</button>
                <button type="button" className="button button--secondary" onClick={() => void withdraw(r)}>{t('networkmap.publish.withdraw', { title: r.title })}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
