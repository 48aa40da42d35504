// `npm run bench:fhir`: the FHIR API's Patient read and a Patient search page over HTTP, beside the REST
// reads of the same clients (the night summary, which the Patient read is, and the client record), and
// the REST search page. Requests/s and p99 for each, written to bench/results/fhir.md.
import os from 'node:os';
import { machine, readArgs, resultColumns as fmt, runWorker, startReadWorld, type WorkerResult } from './read-world.js';

const { seconds, concurrency } = readArgs('bench:fhir', { seconds: 10, concurrency: 16 }, 'The FHIR Patient read and search page beside the REST reads of the same clients; results in bench/results/fhir.md.');
const loadBefore = os.loadavg();
const world = await startReadWorld('bench-fhir');
const { ids, address, cookie } = world;
const pages = Math.max(1, Math.floor(ids.length / 20));
const fhirPages = Array.from({ length: pages }, (_, i) => `/fhir/R4/Patient?_count=20&_offset=${i * 20}`);

console.log(`${ids.length} clients; ${concurrency} concurrent requests for ${seconds} s each; ${os.cpus().length} cores; load before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
const http = (extra: object) => runWorker({ mode: 'http', seconds, concurrency, ids, url: address, cookie, ...extra });
const rows: [string, WorkerResult][] = [
  ['REST night summary `GET /api/clients/:id/night-summary`', await runWorker({ mode: 'http', seconds, concurrency, ids: ids.map((id) => `${id}/night-summary`), url: address, cookie })],
  ['REST client record `GET /api/clients/:id`', await http({})],
  ['FHIR Patient read `GET /fhir/R4/Patient/:id`', await http({ pathPrefix: '/fhir/R4/Patient/' })],
  ['REST search page `GET /api/clients?limit=20`', await http({ paths: ['/api/clients?limit=20'] })],
  ['FHIR search page `GET /fhir/R4/Patient?_count=20&_offset=…`', await http({ paths: fhirPages })],
];
const loadAfter = os.loadavg();

const report = [
  '# FHIR API: Patient read and search page beside the REST reads',
  '',
  `Command: \`npm run bench:fhir -- --seconds=${seconds} --concurrency=${concurrency}\`. Machine: ${machine()}; server, PostgreSQL and the load process share them.`,
  `How busy the machine was: load average (1, 5, 15 min) ${loadBefore.map((l) => l.toFixed(2)).join(', ')} before the run and ${loadAfter.map((l) => l.toFixed(2)).join(', ')} after it (the run itself adds about 2).`,
  `Reads pick random clients among ${ids.length} of one organisation (Tangenborgh's day coordinator, session cookie), ${concurrency} requests in flight from a separate load process. Every read decides access and commits its audit entry first; the search audits each client on its page (20).`,
  '',
  '| what | requests/s | p50 ms | p99 ms | max ms | errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(([what, r]) => `| ${what} ${fmt(r)}`),
  '',
  `FHIR Patient read / REST night summary: **${(((rows[2]?.[1].rps ?? 0) / (rows[0]?.[1].rps ?? 1)) * 100).toFixed(1)} %**. FHIR search page / REST search page: **${(((rows[4]?.[1].rps ?? 0) / (rows[3]?.[1].rps ?? 1)) * 100).toFixed(1)} %**.`,
  '',
].join('\n');
await world.finish('fhir', report);
