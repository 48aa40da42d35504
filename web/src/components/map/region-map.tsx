import { Map as MapLibre, Marker, setWorkerUrl, type GeoJSONSource, type LayerSpecification, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, LineString, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRENTHE_OUTLINE, MOTORWAYS, TOWN_POINTS, TOWNS, ZUID_DRENTHE_BOUNDS } from './region.js';
import './map.css';

setWorkerUrl(workerUrl);

/** A dot on the map, e.g. an incident coloured by urgency or a planned visit coloured by nurse. */
export interface MapPoint {
  id: string;
  longitude: number;
  latitude: number;
  colour: string;
  selected?: boolean;
}

/** A labelled HTML marker, e.g. a nurse on duty. */
export interface MapMarker {
  id: string;
  longitude: number;
  latitude: number;
  label: string;
  colour?: string;
}

/** A route drawn as a line, e.g. one nurse's planned visits in order. */
export interface MapLine {
  id: string;
  colour: string;
  coordinates: [number, number][];
}

export interface RegionMapProps {
  /** What the map shows, for screen readers; the list next to it carries the same information. */
  label: string;
  points?: MapPoint[];
  markers?: MapMarker[];
  lines?: MapLine[];
  onSelect?: (id: string) => void;
}

const pointCollection = (points: MapPoint[]): FeatureCollection<Point> => ({
  type: 'FeatureCollection',
  features: points.map((p) => ({ type: 'Feature', properties: { id: p.id, colour: p.colour, selected: !!p.selected }, geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] } })),
});

const lineCollection = (lines: MapLine[]): FeatureCollection<LineString> => ({
  type: 'FeatureCollection',
  features: lines.map((l) => ({ type: 'Feature', properties: { id: l.id, colour: l.colour }, geometry: { type: 'LineString', coordinates: l.coordinates } })),
});

const layers: LayerSpecification[] = [
  { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ec' } },
  { id: 'province-fill', type: 'fill', source: 'province', paint: { 'fill-color': '#f7f9f4' } },
  { id: 'province-line', type: 'line', source: 'province', paint: { 'line-color': '#8a9aa6', 'line-width': 1.5, 'line-dasharray': [3, 2] } },
  { id: 'motorways', type: 'line', source: 'motorways', paint: { 'line-color': '#e8b04a', 'line-width': 3 } },
  { id: 'towns', type: 'circle', source: 'towns', paint: { 'circle-radius': ['case', ['get', 'main'], 5, 3], 'circle-color': '#6b7a86', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
  { id: 'routes', type: 'line', source: 'routes', layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': ['get', 'colour'], 'line-width': 2.5, 'line-opacity': 0.8 } },
  {
    id: 'points',
    type: 'circle',
    source: 'points',
    paint: {
      'circle-radius': ['case', ['get', 'selected'], 11, 8],
      'circle-color': ['get', 'colour'],
      'circle-stroke-color': ['case', ['get', 'selected'], '#1b1f23', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, 2],
    },
  },
];

/** Sources and layers only: no `glyphs` and no `sprite`, so the style never asks a server for anything. */
const offlineStyle = (): StyleSpecification => ({
  version: 8,
  sources: {
    province: { type: 'geojson', data: DRENTHE_OUTLINE },
    motorways: { type: 'geojson', data: MOTORWAYS },
    towns: { type: 'geojson', data: TOWN_POINTS },
    routes: { type: 'geojson', data: lineCollection([]) },
    points: { type: 'geojson', data: pointCollection([]) },
  },
  layers,
});

function townLabel(name: string, main: boolean): HTMLElement {
  const element = document.createElement('span');
  element.className = `region-map__town${main ? ' region-map__town--main' : ''}`;
  element.textContent = name;
  return element;
}

function nurseElement(marker: MapMarker): HTMLElement {
  const element = document.createElement('span');
  element.className = 'region-map__nurse';
  if (marker.colour) element.style.setProperty('--marker-colour', marker.colour);
  const dot = document.createElement('span');
  dot.className = 'region-map__nurse-dot';
  dot.setAttribute('aria-hidden', 'true');
  const name = document.createElement('span');
  name.className = 'region-map__nurse-name';
  name.textContent = marker.label;
  element.append(dot, name);
  return element;
}

/**
 * The region map: MapLibre over an offline GeoJSON base layer. Labels are HTML markers, since text
 * layers need glyphs from a server. Without WebGL it says so instead of failing the page.
 */
export function RegionMap({ label, points = [], markers = [], lines = [], onSelect }: RegionMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const markerRefs = useRef<Marker[]>([]);
  const select = useRef(onSelect);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (!container.current) return;
    let instance: MapLibre;
    try {
      instance = new MapLibre({ container: container.current, style: offlineStyle(), bounds: ZUID_DRENTHE_BOUNDS, fitBoundsOptions: { padding: 12 }, attributionControl: false, maxZoom: 15, minZoom: 6, dragRotate: false, pitchWithRotate: false });
    } catch {
      setFailed(true);
      return;
    }
    map.current = instance;
    for (const town of TOWNS) new Marker({ element: townLabel(town.name, town.main), anchor: 'left', offset: [6, 0] }).setLngLat([town.longitude, town.latitude]).addTo(instance);
    instance.on('load', () => setReady(true));
    instance.on('click', 'points', (event) => {
      const id: unknown = event.features?.[0]?.properties.id;
      if (typeof id === 'string') select.current?.(id);
    });
    instance.on('mouseenter', 'points', () => (instance.getCanvas().style.cursor = 'pointer'));
    instance.on('mouseleave', 'points', () => (instance.getCanvas().style.cursor = ''));
    return () => {
      map.current = null;
      setReady(false);
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (!ready || !map.current) return;
    void map.current.getSource<GeoJSONSource>('points')?.setData(pointCollection(points));
  }, [ready, points]);

  useEffect(() => {
    if (!ready || !map.current) return;
    void map.current.getSource<GeoJSONSource>('routes')?.setData(lineCollection(lines));
  }, [ready, lines]);

  useEffect(() => {
    const instance = map.current;
    if (!ready || !instance) return;
    for (const m of markerRefs.current) m.remove();
    markerRefs.current = markers.map((m) => new Marker({ element: nurseElement(m), anchor: 'bottom', offset: [0, -10] }).setLngLat([m.longitude, m.latitude]).addTo(instance));
  }, [ready, markers]);

  if (failed) return <p className="region-map region-map--failed status status--empty">{t('nightcare.map.unavailable')}</p>;
  return <div ref={container} className="region-map" role="img" aria-label={label} data-ready={ready || undefined} />;
}
