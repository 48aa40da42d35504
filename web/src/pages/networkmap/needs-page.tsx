import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../i18n/format.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { MunicipalityLayer, type LayerPoint } from './municipality-layer.js';
import { PublicFrame } from './public-frame.js';
import type { Need } from './types.js';
import { useFetch } from './use-fetch.js';

/** Municipalities by their open needs: red with a gap, green when every need is met nearby. */
function layerOf(needs: Need[], gapsLabel: (count: number) => string): LayerPoint[] {
  const byMunicipality = new Map<string, LayerPoint & { gaps: number }>();
  for (const n of needs) {
    const entry = byMunicipality.get(n.municipality.id) ?? { ...n.municipality, gaps: 0, colour: '', label: '' };
    if (n.match.level === 'gap') entry.gaps += 1;
    byMunicipality.set(n.municipality.id, entry);
  }
  return [...byMunicipality.values()].map((m) => ({ ...m, colour: m.gaps > 0 ? '#c0392b' : '#27ae60', label: gapsLabel(m.gaps) }));
}

/** The demand side: what people need per municipality, and whether an initiative meets it or it is a gap. */
export function NeedsPage() {
  const { t } = useTranslation();
  const { data, error } = useFetch<Need[]>('/api/public/networkmap/needs');
  const points = useMemo(() => layerOf(data ?? [], (count) => t('networkmap.needs.gapCount', { count })), [data, t]);
  return (
    <PublicFrame title={t('networkmap.needs.title')} wide>
      <p>{t('networkmap.needs.intro')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      {!data && error === undefined && <Loading />}
      {data && (
        <div className="networkmap-split">
          <section aria-labelledby="needs-list">
            <h2 id="needs-list">{t('networkmap.needs.count', { count: data.length })}</h2>
            <ul className="networkmap-list">
              {data.map((n) => (
                <li key={n.id} data-level={n.match.level}>
                  <h3>{n.municipality.name}: {n.description}</h3>
                  <p className="networkmap-meta">
                    {t(`networkmap.theme.${n.theme}`)} · {t(`networkmap.targetGroup.${n.targetGroup}`)} · {t(`networkmap.needs.source.${n.source}`)}
                    {n.persona && <> (<Link to={`/netwerkkaart/hulpmiddelen/${n.persona.id}`}>{n.persona.title}</Link>)</>} · {formatDate(n.notedOn)}
                  </p>
                  <p><strong>{t(`networkmap.needs.level.${n.match.level}`)}</strong></p>
                  {n.match.initiatives.length > 0 && (
                    <ul>{n.match.initiatives.map((i) => <li key={i.id}><Link to={`/netwerkkaart/initiatieven/${i.id}`}>{i.title}</Link> ({i.municipality})</li>)}</ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="needs-map">
            <h2 id="needs-map">{t('networkmap.needs.mapTitle')}</h2>
            <MunicipalityLayer points={points} label={t('networkmap.needs.mapLabel')} />
          </section>
        </div>
      )}
    </PublicFrame>
  );
}
