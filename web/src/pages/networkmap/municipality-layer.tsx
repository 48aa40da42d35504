import { Map as MapLibre, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRENTHE_OUTLINE } from '../../components/map/region.js';

setWorkerUrl(workerUrl);

/** One municipality on the layer: its centre, a colour for its value, and the value for the legend's list. */
export interface LayerPoint { id: string; name: string; latitude: number; longitude: number; colour: string; label: string }

const features = (list: LayerPoint[]): FeatureCollection<Point> => ({
  type: 'FeatureCollection',
  features: list.map((p) => ({ type: 'Feature', properties: { id: p.id, colour: p.colour }, geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] } })),
});

/**
 * A municipality layer coloured by a value (quick-scan score, gaps), offline like the initiative map:
 * the province outline and our own points, no tile server. The colour never carries the meaning alone:
 * the list under the map (and the page's table) says each municipality's value in words.
 */
export function MunicipalityLayer({ points, label }: { points: LayerPoint[]; label: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!container.current || points.length === 0) return;
    const style: StyleSpecification = {
      version: 8,
      sources: { province: { type: 'geojson', data: DRENTHE_OUTLINE }, municipalities: { type: 'geojson', data: features(points) } },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ec' } },
        { id: 'province-fill', type: 'fill', source: 'province', paint: { 'fill-color': '#f7f9f4' } },
        { id: 'province-line', type: 'line', source: 'province', paint: { 'line-color': '#8a9aa6', 'line-width': 1.5 } },
        { id: 'municipalities', type: 'circle', source: 'municipalities', paint: { 'circle-radius': 14, 'circle-color': ['get', 'colour'], 'circle-stroke-color': '#1a1a1a', 'circle-stroke-width': 1 } },
      ],
    };
    let instance: MapLibre;
    try {
      instance = new MapLibre({ container: container.current, style, bounds: [6.1, 52.6, 7.1, 53.2], attributionControl: false, maxZoom: 12, minZoom: 6, dragRotate: false });
    } catch {
      setFailed(true);
      return;
    }
    return () => instance.remove();
  }, [points]);
  return (
    <figure className="networkmap-layer">
      {failed ? <p className="status">{t('networkmap.map.noWebGl')}</p> : <div ref={container} className="networkmap-canvas" role="img" aria-label={label} />}
      <figcaption>
        <ul className="networkmap-legend">
          {points.map((p) => (
            <li key={p.id}><span className="networkmap-swatch" style={{ background: p.colour }} aria-hidden="true" /> {p.name}: {p.label}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Colours for a 1–5 mean, red to green, each distinguishable; grey when there is no round yet. */
export function scoreColour(average: number | null): string {
  if (average === null) return '#b8c2c9';
  if (average < 2) return '#c0392b';
  if (average < 3) return '#e67e22';
  if (average < 4) return '#f1c40f';
  return '#27ae60';
}
