import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { get } from '../../api/client.js';
import { SelectField, TextField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { textOf } from './initiative-form.js';
import { PublicFrame } from './public-frame.js';
import { STAGES, THEMES, type ListItem } from './types.js';
import { useMunicipalities } from './use-municipalities.js';

// The map is its own chunk: the list works without it (and without WebGL), and loads first.
const InitiativeMap = lazy(async () => ({ default: (await import('./initiative-map.js')).InitiativeMap }));
const FILTERS = ['q', 'municipalityId', 'theme', 'stage'] as const;
const PER_PAGE = 20;

/** The list view with Dutch full-text search and filters, usable by keyboard and screen reader; the map beside it. */
export function ListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { municipalities } = useMunicipalities();
  const [result, setResult] = useState<{ total: number; totalCapped: boolean; items: ListItem[] } | undefined>();
  const [error, setError] = useState<unknown>();
  const query = FILTERS.filter((f) => params.get(f)).map((f) => `${f}=${encodeURIComponent(params.get(f) ?? '')}`).join('&');
  const page = Number(params.get('page') ?? '1');
  useEffect(() => {
    const controller = new AbortController();
    get<{ total: number; totalCapped: boolean; items: ListItem[] }>(`/api/public/networkmap/initiatives?perPage=${PER_PAGE}&page=${page}&${query}`, controller.signal)
      .then(setResult)
      .catch((e: unknown) => controller.signal.aborted || setError(e));
    return () => controller.abort();
  }, [query, page]);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const chosen: Record<string, string> = {};
    for (const f of FILTERS) {
      const value = textOf(data.get(f)).trim();
      if (value) chosen[f] = value;
    }
    setParams(chosen);
  };
  return (
    <PublicFrame title={t('networkmap.list.title')} wide>
      <p>{t('networkmap.list.intro')}</p>
      <p><Link to="/netwerkkaart/aanmelden">{t('networkmap.list.callLink')}</Link></p>
      <form role="search" className="networkmap-filters" onSubmit={search} aria-label={t('networkmap.list.searchLabel')}>
        <TextField path="q" label={t('networkmap.list.q')} type="search" defaultValue={params.get('q') ?? ''} maxLength={200} />
        <SelectField path="municipalityId" label={t('networkmap.list.municipality')} defaultValue={params.get('municipalityId') ?? ''}>
          <option value="">{t('networkmap.list.all')}</option>
          {municipalities?.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </SelectField>
        <SelectField path="theme" label={t('networkmap.list.theme')} defaultValue={params.get('theme') ?? ''}>
          <option value="">{t('networkmap.list.all')}</option>
          {THEMES.map((code) => <option key={code} value={code}>{t(`networkmap.theme.${code}`)}</option>)}
        </SelectField>
        <SelectField path="stage" label={t('networkmap.list.stage')} defaultValue={params.get('stage') ?? ''}>
          <option value="">{t('networkmap.list.all')}</option>
          {STAGES.map((code) => <option key={code} value={code}>{t(`networkmap.stage.${code}`)}</option>)}
        </SelectField>
        <button type="submit" className="button button--primary">{t('networkmap.list.search')}</button>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="networkmap-split">
        <section aria-labelledby="results-title" className="networkmap-results">
          <h2 id="results-title" aria-live="polite">{result ? t(result.totalCapped ? 'networkmap.list.countCapped' : 'networkmap.list.count', { count: result.total }) : t('networkmap.list.loading')}</h2>
          {!result && error === undefined && <Loading />}
          <ul className="networkmap-list">
            {result?.items.map((i) => (
              <li key={i.id}>
                <h3><Link to={`/netwerkkaart/initiatieven/${i.id}`}>{i.title}</Link></h3>
                <p className="networkmap-meta">{i.place ? `${i.place}, ` : ''}<Link to={`/netwerkkaart/gemeenten/${i.municipality_id}`}>{i.municipality}</Link> · {t(`networkmap.stage.${i.stage}`)}{i.fictional ? ` · ${t('networkmap.fictional')}` : ''}</p>
                <p>{i.summary}</p>
              </li>
            ))}
          </ul>
          {result && (result.totalCapped || result.total > page * PER_PAGE) && <Link to={`?${query}&page=${page + 1}`}>{t('networkmap.list.next')}</Link>}
        </section>
        <section aria-labelledby="map-title" className="networkmap-map">
          <h2 id="map-title">{t('networkmap.map.title')}</h2>
          <Suspense fallback={<Loading />}>
            <InitiativeMap query={query} municipalities={municipalities ?? []} />
          </Suspense>
        </section>
      </div>
      <section aria-labelledby="municipalities-title">
        <h2 id="municipalities-title">{t('networkmap.list.municipalities')}</h2>
        <ul className="networkmap-municipalities">
          {municipalities?.map((m) => <li key={m.id}><Link to={`/netwerkkaart/gemeenten/${m.id}`}>{m.name}</Link> ({m.initiatives})</li>)}
        </ul>
        <p><a href="/api/public/networkmap/initiatives.csv">{t('networkmap.list.csv')}</a> · <a href="/api/public/networkmap/feed.atom">{t('networkmap.list.atom')}</a> · <a href="/hsds/services">{t('networkmap.list.hsds')}</a></p>
      </section>
    </PublicFrame>
  );
}
