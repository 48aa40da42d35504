// `npm run bench:api`: request rate of an access-checked, audited client-record read over HTTP, against
// the rate of the same primary-key select behind a bare HTTP route of the same server, on the same machine.
// Target (DESIGN.md §7): the API read reaches at least 80 % of the bare route's rate. The bare
// PostgreSQL select's rate is reported beside it, as the ceiling below both.
import os from 'node:os';
import { machine, readArgs, resultColumns as fmt, runWorker, startReadWorld } from './read-world.js';

const { seconds, concurrency } = readArgs('bench:api', { seconds: 15, concurrency: 16 }, 'The access-checked, audited client-record read against a bare primary-key select; results in bench/results/api.md.');
// --session-cache-ms=0 measures the read without the instance's session cache.
const sessionCacheMs = process.argv.find((a) => a.startsWith('--session-cache-ms='))?.split('=')[1];
const world = await startReadWorld('bench-api', (app, db) => {
  // The HTTP ceiling on this machine: the same primary-key select behind a bare route (no session, no access, no audit).
  app.get('/bench/bare-client/:id', { schema: { hide: true } }, async (request) => {
    const { id } = request.params as { id: string };
    return db.selectFrom('client').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}, sessionCacheMs === undefined ? {} : { sessionCacheMs: Number(sessionCacheMs) });
const { db, ids, address, cookie } = world;

console.log(`${ids.length} clients; ${concurrency} concurrent requests for ${seconds} s each; ${os.cpus().length} cores`);
const bare = await runWorker({ mode: 'pg', seconds, concurrency, ids, url: world.databaseUrl });
const bareHttp = await runWorker({ mode: 'http', seconds, concurrency, ids, url: address, pathPrefix: '/bench/bare-client/' });
const api = await runWorker({ mode: 'http', seconds, concurrency, ids, url: address, cookie });
const ratio = api.rps / bareHttp.rps;
const auditRows = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'read').executeTakeFirstOrThrow();

const report = [
  '# API under load: client-record read vs the same select behind a bare HTTP route',
  '',
  `Command: \`npm run bench:api -- --seconds=${seconds} --concurrency=${concurrency}${sessionCacheMs === undefined ? '' : ` --session-cache-ms=${sessionCacheMs}`}\`. Machine: ${machine()}; server, PostgreSQL and the load process share them.`,
  `Every run reads random clients among ${ids.length} of one organisation, ${concurrency} requests in flight, from a separate load process (a pg pool for the bare select, an undici keep-alive pool for HTTP). The API read is GET /api/clients/:id with a session cookie: session lookup, access decision, an audit entry committed before the read (sealed into the hash chain in the background), the record and its contacts.`,
  '',
  '| what | requests/s | p50 ms | p99 ms | max ms | errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  `| bare \`SELECT * FROM client WHERE id = $1\` ${fmt(bare)}`,
  `| the same select behind a bare HTTP route (no session, access or audit) ${fmt(bareHttp)}`,
  `| API client-record read ${fmt(api)}`,
  '',
  `API rate / bare HTTP route: **${(ratio * 100).toFixed(1)} %** (target ≥ 80 %). API rate / bare select: ${((api.rps / bare.rps) * 100).toFixed(1)} %. Audit entries written for reads: ${Number(auditRows.n)}. Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
  '',
].join('\n');
await world.finish('api', report);
