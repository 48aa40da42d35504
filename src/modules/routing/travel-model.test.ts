import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOsrmTravelModel } from './osrm-travel.js';
import { createHaversineTravelModel, driveSeconds, haversineMeters } from './travel-model.js';

const assen = { x: 6.5625, y: 52.9928 };
const emmen = { x: 6.9069, y: 52.7792 };

describe('haversine travel model', () => {
  it('measures Assen–Emmen as about 33 km great-circle', () => {
    expect(haversineMeters(assen, emmen) / 1000).toBeCloseTo(33.4, 0);
  });

  it('applies the detour factor and drives long legs faster on average', async () => {
    const m = await createHaversineTravelModel().matrix([assen, emmen, assen]);
    expect(m.meters[1]).toBeCloseTo(haversineMeters(assen, emmen) * 1.3, 6);
    expect(m.meters[2]).toBe(0);
    expect(m.seconds[1]).toBe(m.seconds[3]);
    const shortKmh = 1.5 / (driveSeconds(1500) / 3600);
    const longKmh = 40 / (driveSeconds(40_000) / 3600);
    expect(shortKmh).toBeCloseTo(30, 6);
    expect(longKmh).toBeGreaterThan(60);
  });
});

describe('OSRM travel model', () => {
  let server: Server;
  let baseUrl = '';
  const requests: string[] = [];
  beforeAll(async () => {
    // A fake OSRM on a random local port: answers /table with durations and distances.
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const coords = decodeURIComponent((req.url ?? '').split('/')[4]!.split('?')[0]!).split(';');
      if (coords.length === 3) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'InvalidQuery', message: 'too many' }));
        return;
      }
      const n = coords.length;
      const table = (f: number): (number | null)[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === 1 && j === 0 ? null : Math.abs(i - j) * f)));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'Ok', durations: table(60), distances: table(1000) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('requests the table service with lon,lat pairs and flattens the matrices', async () => {
    const m = await createOsrmTravelModel({ baseUrl }).matrix([assen, emmen]);
    expect(requests.at(-1)).toBe('/table/v1/driving/6.562500,52.992800;6.906900,52.779200?annotations=duration,distance');
    expect(m.size).toBe(2);
    expect([...m.seconds]).toEqual([0, 60, 1e9, 0]);
    expect([...m.meters]).toEqual([0, 1000, 1e9, 0]);
  });

  it('reports an OSRM error instead of returning a broken matrix', async () => {
    await expect(createOsrmTravelModel({ baseUrl }).matrix([assen, emmen, assen])).rejects.toThrow(/InvalidQuery too many/);
  });
});
