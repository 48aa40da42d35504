import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorNotice, Loading } from '../../components/status.js';
import { PublicFrame } from './public-frame.js';
import type { Resource } from './types.js';
import { useFetch } from './use-fetch.js';

const KINDS = ['persona', 'film', 'document'] as const;

/** Tools to share: personas, films and documents, by kind, each with its themes. */
export function ResourcesPage() {
  const { t } = useTranslation();
  const { data, error } = useFetch<Resource[]>('/api/public/networkmap/resources');
  return (
    <PublicFrame title={t('networkmap.resources.title')}>
      <p>{t('networkmap.resources.intro')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      {!data && error === undefined && <Loading />}
      {data && KINDS.map((kind) => {
        const ofKind = data.filter((r) => r.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>{t(`networkmap.resources.kind.${kind}`)}</h2>
            <ul className="networkmap-list">
              {ofKind.map((r) => (
                <li key={r.id}>
                  <h3><Link to={`/netwerkkaart/hulpmiddelen/${r.id}`}>{r.title}</Link></h3>
                  <p>{r.summary}</p>
                  <p className="networkmap-meta">{r.themes.map((theme) => t(`networkmap.theme.${theme}`)).join(', ')}{r.fictional ? ` · ${t('networkmap.fictional')}` : ''}</p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </PublicFrame>
  );
}
