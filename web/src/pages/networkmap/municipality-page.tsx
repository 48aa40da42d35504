import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { get } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { PublicFrame } from './public-frame.js';
import type { Initiative } from './types.js';

interface MunicipalityView {
  id: string;
  name: string;
  network: { id: string; name: string };
  initiatives: Initiative[];
}

/** A municipality's page: its palliative-care network and the initiatives there. */
export function MunicipalityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [view, setView] = useState<MunicipalityView | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    get<MunicipalityView>(`/api/public/networkmap/municipalities/${id}`, controller.signal).then(setView).catch((e: unknown) => controller.signal.aborted || setError(e));
    return () => controller.abort();
  }, [id]);
  if (!view) return <PublicFrame title={t('networkmap.municipality.loading')}>{error !== undefined ? <ErrorNotice error={error} /> : <Loading />}</PublicFrame>;
  return (
    <PublicFrame title={t('networkmap.municipality.title', { name: view.name })}>
      <p>{t('networkmap.municipality.network', { network: view.network.name })}</p>
      <h2>{t('networkmap.list.count', { count: view.initiatives.length })}</h2>
      <ul className="networkmap-list">
        {view.initiatives.map((i) => (
          <li key={i.id}>
            <h3><Link to={`/netwerkkaart/initiatieven/${i.id}`}>{i.title}</Link></h3>
            <p className="networkmap-meta">{t(`networkmap.stage.${i.stage}`)}{i.fictional ? ` · ${t('networkmap.fictional')}` : ''}</p>
          </li>
        ))}
      </ul>
      <p><Link to="/netwerkkaart">{t('networkmap.backToList')}</Link></p>
    </PublicFrame>
  );
}
