/**
 * An offline base map of Zuid-Drenthe: no tile or glyph server is reachable from the coordinators'
 * network, so the base layer is a schematic province outline, the motorways and the towns as points,
 * all drawn from this local GeoJSON. Coordinates are [longitude, latitude], rounded to about 1 km:
 * it is an orientation aid, not a road map.
 */
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';

export const DRENTHE_OUTLINE: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [6.12, 52.74], [6.17, 52.83], [6.25, 52.92], [6.33, 52.99], [6.38, 53.07], [6.48, 53.19], [6.62, 53.17], [6.74, 53.12],
            [6.87, 53.03], [6.99, 52.94], [7.09, 52.85], [7.08, 52.78], [7.05, 52.66], [6.94, 52.64], [6.82, 52.64], [6.71, 52.63],
            [6.6, 52.65], [6.47, 52.64], [6.35, 52.66], [6.22, 52.65], [6.14, 52.68], [6.12, 52.74],
          ],
        ],
      },
    },
  ],
};

/** A28 (Meppel – Hoogeveen – Assen) and A37 (Hoogeveen – Emmen – border), simplified. */
export const MOTORWAYS: FeatureCollection<LineString> = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'A28' }, geometry: { type: 'LineString', coordinates: [[6.2, 52.69], [6.33, 52.7], [6.46, 52.74], [6.51, 52.83], [6.55, 52.93], [6.58, 53.02], [6.62, 53.12]] } },
    { type: 'Feature', properties: { name: 'A37' }, geometry: { type: 'LineString', coordinates: [[6.46, 52.74], [6.6, 52.72], [6.75, 52.72], [6.88, 52.75], [6.98, 52.74], [7.07, 52.72]] } },
  ],
};

export interface Town {
  name: string;
  longitude: number;
  latitude: number;
  /** Main towns get a label at every zoom; villages only on a closer look. */
  main: boolean;
}

export const TOWNS: Town[] = [
  { name: 'Emmen', longitude: 6.897, latitude: 52.785, main: true },
  { name: 'Hoogeveen', longitude: 6.476, latitude: 52.723, main: true },
  { name: 'Coevorden', longitude: 6.741, latitude: 52.661, main: true },
  { name: 'Assen', longitude: 6.562, latitude: 52.993, main: true },
  { name: 'Beilen', longitude: 6.513, latitude: 52.863, main: true },
  { name: 'Meppel', longitude: 6.194, latitude: 52.696, main: false },
  { name: 'Zuidwolde', longitude: 6.427, latitude: 52.671, main: false },
  { name: 'Ruinen', longitude: 6.355, latitude: 52.762, main: false },
  { name: 'Westerbork', longitude: 6.609, latitude: 52.85, main: false },
  { name: 'Borger', longitude: 6.792, latitude: 52.924, main: false },
  { name: 'Klazienaveen', longitude: 6.993, latitude: 52.725, main: false },
  { name: 'Nieuw-Amsterdam', longitude: 6.858, latitude: 52.714, main: false },
  { name: 'Schoonebeek', longitude: 6.884, latitude: 52.662, main: false },
  { name: 'Dalen', longitude: 6.756, latitude: 52.699, main: false },
  { name: 'Sleen', longitude: 6.802, latitude: 52.771, main: false },
  { name: 'Emmer-Compascuum', longitude: 7.047, latitude: 52.812, main: false },
];

export const TOWN_POINTS: FeatureCollection<Point> = {
  type: 'FeatureCollection',
  features: TOWNS.map((t) => ({ type: 'Feature', properties: { name: t.name, main: t.main }, geometry: { type: 'Point', coordinates: [t.longitude, t.latitude] } })),
};

/** The view on opening: the south of the province, where the night team works. */
export const ZUID_DRENTHE_BOUNDS: [[number, number], [number, number]] = [
  [6.15, 52.6],
  [7.1, 53.02],
];
