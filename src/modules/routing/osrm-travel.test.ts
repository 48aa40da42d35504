import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location } from './model.js';
import { createOsrmTravelModel, withOfflineFallback } from './osrm-travel.js';
import { createHaversineTravelModel } from './travel-model.js';

/** The fake server's --max-table-size. */
const MAX_TABLE = 4;
/** A coordinate off every road: OSRM answers NoSegment for it. */
const OFF_ROAD = { x: 0, y: 0 };
/** A coordinate on an island: routable, but no road leads there from elsewhere (null in the table). */
const ISLAND = { x: 5.2, y: 53.3 };

const expectedSeconds = (a: Location, b: Location) => (a === b ? 0 : Math.round((Math.abs(a.x - b.x) + Math.abs(a.y - b.y)) * 36_000) / 10);
const same = (a: Location, b: Location) => a.x === b.x && a.y === b.y;

/**
 * A fake OSRM that follows the documented table service: `/table/v1/{profile}/{lon,lat;...}` with
 * optional `sources` and `destinations` index lists and `annotations`; rows are sources, columns
 * destinations; null for an unroutable pair; errors as HTTP 400 with `{ code, message }`.
 */
function fakeOsrm(requests: string[]): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://osrm');
    requests.push(url.pathname + url.search);
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const [, service, version, profile, list] = url.pathname.split('/');
    if (service !== 'table' || version !== 'v1' || profile !== 'driving' || !list) return answer(400, { code: 'InvalidUrl', message: `URL string malformed close to position 1: "${url.pathname}"` });
    const coords = decodeURIComponent(list)
      .split(';')
      .map((pair) => pair.split(',').map(Number) as [number, number])
      .map(([x, y]) => ({ x, y }));
    if (coords.length > MAX_TABLE) return answer(400, { code: 'TooBig', message: 'Too many table coordinates' });
    const off = coords.findIndex((c) => same(c, OFF_ROAD));
    if (off >= 0) return answer(400, { code: 'NoSegment', message: `Could not find a matching segment for coordinate ${off}` });
    const indices = (name: string) => url.searchParams.get(name)?.split(';').map(Number) ?? coords.map((_, i) => i);
    const sources = indices('sources');
    const destinations = indices('destinations');
    const table = (scale: number) =>
      sources.map((i) =>
        destinations.map((j) => {
          const a = coords[i]!;
          const b = coords[j]!;
          if (i !== j && (same(a, ISLAND) !== same(b, ISLAND))) return null;
          return i === j ? 0 : expectedSeconds(a, b) * scale;
        }),
      );
    answer(200, { code: 'Ok', durations: table(1), distances: table(20), sources: [], destinations: [] });
  });
}

describe('OSRM travel model', () => {
  let server: Server;
  let baseUrl = '';
  const requests: string[] = [];
  beforeAll(async () => {
    server = fakeOsrm(requests);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const places: Location[] = Array.from({ length: 7 }, (_, i) => ({ x: 6.5 + i * 0.05, y: 52.7 + (i % 3) * 0.04 }));

  it('asks the table service for lon,lat pairs and reads rows as sources, unroutable pairs as unreachable', async () => {
    const m = await createOsrmTravelModel({ baseUrl, maxTableSize: MAX_TABLE }).matrix([places[0]!, ISLAND]);
    expect(requests.at(-1)).toBe('/table/v1/driving/6.500000,52.700000;5.200000,53.300000?annotations=duration,distance');
    expect([...m.seconds]).toEqual([0, 1e9, 1e9, 0]);
  });

  it('fetches a matrix larger than the server allows in tiles, each within its limit, and assembles it exactly', async () => {
    requests.length = 0;
    const m = await createOsrmTravelModel({ baseUrl, maxTableSize: MAX_TABLE }).matrix(places);
    // Seven places in blocks of two: four blocks, every pair of blocks one request.
    expect(requests).toHaveLength(16);
    for (const request of requests) expect(decodeURIComponent(request.split('/')[4]!.split('?')[0]!).split(';').length).toBeLessThanOrEqual(MAX_TABLE);
    for (let i = 0; i < places.length; i++) {
      for (let j = 0; j < places.length; j++) {
        expect(m.seconds[i * places.length + j], `${i}→${j}`).toBeCloseTo(expectedSeconds(places[i]!, places[j]!), 6);
        expect(m.meters[i * places.length + j], `${i}→${j}`).toBeCloseTo(expectedSeconds(places[i]!, places[j]!) * 20, 6);
      }
    }
  });

  it('gives a pair the drive past a third address when that is faster than its direct drive', async () => {
    // A one-way street: 0 → 2 directly takes 300 s over 4 km, past 1 only 60 + 90 s over 0.9 + 1.2 km.
    const table = { code: 'Ok', durations: [[0, 60, 300], [60, 0, 90], [300, 90, 0]], distances: [[0, 900, 4000], [900, 0, 1200], [4000, 1200, 0]] };
    const fixed: typeof fetch = () => Promise.resolve(new Response(JSON.stringify(table)));
    const m = await createOsrmTravelModel({ baseUrl: 'http://osrm', fetch: fixed }).matrix(places.slice(0, 3));
    expect([m.seconds[2], m.meters[2], m.seconds[6], m.meters[6]]).toEqual([150, 2100, 150, 2100]);
    expect(m.seconds[1]).toBe(60);
  });

  it("fails the whole matrix with OSRM's code and message when one tile fails", async () => {
    await expect(createOsrmTravelModel({ baseUrl, maxTableSize: MAX_TABLE }).matrix([...places, OFF_ROAD])).rejects.toThrow(/400 NoSegment Could not find a matching segment/);
    await expect(createOsrmTravelModel({ baseUrl, maxTableSize: 100 }).matrix(places)).rejects.toThrow(/400 TooBig Too many table coordinates/);
  });

  it('falls back to the offline model, and says so, when the server does not answer', async () => {
    const warnings: string[] = [];
    // A port that was free a moment ago: nothing answers there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const model = withOfflineFallback(createOsrmTravelModel({ baseUrl: closed, timeoutMs: 2_000 }), createHaversineTravelModel(), (reason) => warnings.push(reason));
    const m = await model.matrix(places.slice(0, 3));
    expect(m).toEqual(await createHaversineTravelModel().matrix(places.slice(0, 3)));
    expect(warnings).toHaveLength(1);
  });
});
