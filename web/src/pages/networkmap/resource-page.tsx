import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../i18n/format.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { FilmEmbed } from './film-embed.js';
import { PublicFrame } from './public-frame.js';
import type { Resource } from './types.js';
import { useFetch } from './use-fetch.js';

/** One resource: a persona with its conversation guide, a film (loaded only on request) or a document. */
export function ResourcePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: r, error } = useFetch<Resource & { initiatives: { id: string; title: string }[] }>(`/api/public/networkmap/resources/${id}`);
  if (!r) return <PublicFrame title={t('networkmap.resources.loading')}>{error !== undefined ? <ErrorNotice error={error} /> : <Loading />}</PublicFrame>;
  const { provenance } = r;
  return (
    <PublicFrame title={r.title}>
      {r.fictional && <p className="notice">{t(r.kind === 'persona' ? 'networkmap.resources.fictionalPersona' : 'networkmap.fictionalNotice')}</p>}
      <p>{r.summary}</p>
      {r.persona && (
        <>
          <h2>{t('networkmap.resources.situation')}</h2>
          <p>{r.persona.situation}</p>
          <h2>{t('networkmap.resources.needs')}</h2>
          <ul>{r.persona.needs.map((n) => <li key={n}>{n}</li>)}</ul>
          <h2>{t('networkmap.resources.helps')}</h2>
          <ul>{r.persona.helps.map((n) => <li key={n}>{n}</li>)}</ul>
          {r.persona.quotes.length > 0 && <h2>{t('networkmap.resources.quotes')}</h2>}
          {r.persona.quotes.map((q) => <blockquote key={q}><p>{q}</p></blockquote>)}
          <p><a className="button" href={`/api/public/networkmap/resources/${r.id}/guide.pdf`}>{t('networkmap.resources.guide')}</a></p>
        </>
      )}
      {r.kind === 'film' && r.url && <FilmEmbed url={r.url} title={r.title} />}
      {r.kind === 'document' && r.url && <p><a href={r.url} rel="noopener noreferrer">{t('networkmap.resources.openDocument', { title: r.title })}</a></p>}
      {r.kind === 'document' && r.file && <p><a href={`/api/public/networkmap/resources/${r.id}/document`} download={r.file.name}>{t('networkmap.resources.downloadDocument', { title: r.title, size: Math.max(1, Math.round(r.file.sizeBytes / 1024)) })}</a></p>}
      <h2>{t('networkmap.resources.about')}</h2>
      <dl className="networkmap-facts">
        <dt>{t('networkmap.resources.madeBy')}</dt><dd>{provenance.madeBy || provenance.publishedBy}</dd>
        {provenance.conversations !== null && <><dt>{t('networkmap.resources.conversations')}</dt><dd>{provenance.conversations}</dd></>}
        {provenance.madeOn && <><dt>{t('networkmap.resources.madeOn')}</dt><dd>{formatDate(provenance.madeOn)}</dd></>}
        {provenance.licence && <><dt>{t('networkmap.resources.licence')}</dt><dd>{provenance.licence}</dd></>}
        <dt>{t('networkmap.resources.themes')}</dt><dd>{r.themes.map((theme) => t(`networkmap.theme.${theme}`)).join(', ') || '–'}</dd>
      </dl>
      {r.initiatives.length > 0 && (
        <>
          <h2>{t('networkmap.resources.initiatives')}</h2>
          <ul>{r.initiatives.map((i) => <li key={i.id}><Link to={`/netwerkkaart/initiatieven/${i.id}`}>{i.title}</Link></li>)}</ul>
        </>
      )}
      <p><Link to="/netwerkkaart/hulpmiddelen">{t('networkmap.resources.back')}</Link></p>
    </PublicFrame>
  );
}
