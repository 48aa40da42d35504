import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { get } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { PublicFrame } from './public-frame.js';
import type { Initiative, Resource } from './types.js';
import { useFetch } from './use-fetch.js';

/** One initiative's public page; the contact appears only when its person agreed to publication. */
export function InitiativePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [initiative, setInitiative] = useState<Initiative | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    get<Initiative>(`/api/public/networkmap/initiatives/${id}`, controller.signal).then(setInitiative).catch((e: unknown) => controller.signal.aborted || setError(e));
    return () => controller.abort();
  }, [id]);
  const resources = useFetch<Resource[]>(`/api/public/networkmap/resources?initiativeId=${id}`);
  if (!initiative) return <PublicFrame title={t('networkmap.initiative.loading')}>{error !== undefined ? <ErrorNotice error={error} /> : <Loading />}</PublicFrame>;
  const i = initiative;
  return (
    <PublicFrame title={i.title}>
      {i.fictional && <p className="notice">{t('networkmap.fictionalNotice')}</p>}
      <p>{i.summary}</p>
      <dl className="networkmap-facts">
        <dt>{t('networkmap.initiative.where')}</dt>
        <dd>{i.place ? `${i.place}, ` : ''}<Link to={`/netwerkkaart/gemeenten/${i.municipality.id}`}>{i.municipality.name}</Link></dd>
        <dt>{t('networkmap.initiative.network')}</dt>
        <dd>{i.network.name}</dd>
        <dt>{t('networkmap.initiative.stage')}</dt>
        <dd>{t(`networkmap.stage.${i.stage}`)}{i.startedOn ? ` (${t('networkmap.initiative.since', { date: i.startedOn })})` : ''}</dd>
        <dt>{t('networkmap.initiative.partners')}</dt>
        <dd>{i.partners.length ? i.partners.map((p) => p.name).join(', ') : '–'}</dd>
        <dt>{t('networkmap.initiative.themes')}</dt>
        <dd>{i.themes.map((code) => t(`networkmap.theme.${code}`)).join(', ') || '–'}</dd>
        <dt>{t('networkmap.initiative.targetGroups')}</dt>
        <dd>{i.targetGroups.map((code) => t(`networkmap.targetGroup.${code}`)).join(', ') || '–'}</dd>
        <dt>{t('networkmap.initiative.verified')}</dt>
        <dd>{i.lastVerifiedOn ?? '–'}</dd>
        <dt>{t('networkmap.initiative.contact')}</dt>
        <dd>{i.contact ? <>{i.contact.name}, <a href={`mailto:${i.contact.email}`}>{i.contact.email}</a>{i.contact.phone ? `, ${i.contact.phone}` : ''}</> : t('networkmap.initiative.noContact')}</dd>
      </dl>
      {i.links.length > 0 && (
        <>
          <h2>{t('networkmap.initiative.links')}</h2>
          <ul>{i.links.map((l) => <li key={l}><a href={l} rel="noopener noreferrer">{l}</a></li>)}</ul>
        </>
      )}
      {i.films.length > 0 && (
        <>
          <h2>{t('networkmap.initiative.films')}</h2>
          {/* Films are linked, not embedded: an embedded player would load a third party's scripts on a public page. */}
          <ul>{i.films.map((l) => <li key={l}><a href={l} rel="noopener noreferrer">{l}</a></li>)}</ul>
        </>
      )}
      {(resources.data?.length ?? 0) > 0 && (
        <section aria-labelledby="initiative-resources">
          <h2 id="initiative-resources">{t('networkmap.initiative.resources')}</h2>
          <ul>
            {resources.data?.map((r) => <li key={r.id}><Link to={`/netwerkkaart/hulpmiddelen/${r.id}`}>{r.title}</Link> ({t(`networkmap.publish.kind.${r.kind}`)})</li>)}
          </ul>
        </section>
      )}
      <p><Link to="/netwerkkaart">{t('networkmap.backToList')}</Link></p>
    </PublicFrame>
  );
}
