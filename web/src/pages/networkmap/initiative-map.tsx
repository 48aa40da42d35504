import { Map as MapLibre, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { get } from '../../api/client.js';
import { DRENTHE_OUTLINE } from '../../components/map/region.js';
import type { Municipality } from './types.js';

setWorkerUrl(workerUrl);

interface MapPoint { id: string; title: string; lon: number; lat: number; count: number }

const points = (list: { id: string; lon: number; lat: number; name?: string }[]): FeatureCollection<Point> => ({
  type: 'FeatureCollection',
  features: list.map((p) => ({ type: 'Feature', properties: { id: p.id, name: p.name ?? '' }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })),
});

/**
 * Offline: the base layer is the province outline and the municipalities' centres from our own data,
 * no tile, glyph or sprite server. Initiatives are clustered by MapLibre (circle size by count; text
 * would need glyphs from a server). The list beside it carries the same information for everyone.
 */
const style = (municipalities: Municipality[]): StyleSpecification => ({
  version: 8,
  sources: {
    province: { type: 'geojson', data: DRENTHE_OUTLINE },
    municipalities: { type: 'geojson', data: points(municipalities.map((m) => ({ id: m.id, lon: m.longitude, lat: m.latitude, name: m.name }))) },
    initiatives: { type: 'geojson', data: points([]), cluster: true, clusterRadius: 40, clusterMaxZoom: 12 },
  },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ec' } },
    { id: 'province-fill', type: 'fill', source: 'province', paint: { 'fill-color': '#f7f9f4' } },
    { id: 'province-line', type: 'line', source: 'province', paint: { 'line-color': '#8a9aa6', 'line-width': 1.5 } },
    { id: 'municipalities', type: 'circle', source: 'municipalities', paint: { 'circle-radius': 4, 'circle-color': '#6b7a86' } },
    { id: 'clusters', type: 'circle', source: 'initiatives', filter: ['has', 'point_count'], paint: { 'circle-color': '#1d5d8c', 'circle-opacity': 0.85, 'circle-radius': ['step', ['get', 'point_count'], 12, 5, 16, 20, 22], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
    { id: 'initiatives', type: 'circle', source: 'initiatives', filter: ['!', ['has', 'point_count']], paint: { 'circle-color': '#b3431b', 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
  ],
});

export function InitiativeMap({ query, municipalities }: { query: string; municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [found, setFound] = useState<MapPoint[]>([]);

  useEffect(() => {
    if (!container.current || municipalities.length === 0) return;
    let instance: MapLibre;
    try {
      instance = new MapLibre({ container: container.current, style: style(municipalities), bounds: [6.1, 52.6, 7.1, 53.2], attributionControl: false, maxZoom: 15, minZoom: 6, dragRotate: false });
    } catch {
      setFailed(true);
      return;
    }
    map.current = instance;
    instance.on('load', () => setReady(true));
    instance.on('click', 'initiatives', (event) => {
      const id: unknown = event.features?.[0]?.properties.id;
      if (typeof id === 'string') void navigate(`/netwerkkaart/initiatieven/${id}`);
    });
    instance.on('click', 'clusters', (event) => instance.easeTo({ center: event.lngLat, zoom: instance.getZoom() + 2 }));
    return () => {
      instance.remove();
      map.current = null;
    };
  }, [municipalities, navigate]);

  useEffect(() => {
    const controller = new AbortController();
    // Zoomed in far enough that the server answers every initiative as its own point; MapLibre clusters them.
    get<MapPoint[]>(`/api/public/networkmap/map?zoom=12&west=3&south=50&east=8&north=54&${query}`, controller.signal).then(setFound).catch(() => undefined);
    return () => controller.abort();
  }, [query]);

  useEffect(() => {
    if (ready) void map.current?.getSource<GeoJSONSource>('initiatives')?.setData(points(found));
  }, [ready, found]);

  // data-points: what the map shows, also without WebGL, so a test can find an initiative on it.
  if (failed) return <p className="status networkmap-map--failed" data-points={found.length}>{t('networkmap.map.noWebGl')}</p>;
  return <div ref={container} className="networkmap-canvas" role="img" aria-label={t('networkmap.map.label', { count: found.length })} data-points={found.length} data-ready={ready} />;
}
