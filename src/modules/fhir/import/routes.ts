import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAlliance, hasRole } from '../../../platform/access/index.js';
import { requireRole, requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { conflict, forbidden, invalid, notFound, singleLine } from '../../../platform/http/index.js';
import { endpointRefusal, refusalMessage, type ImportLimits } from './limits.js';
import * as store from './store.js';
import { sourceFailureError } from './source-failure.js';
import { runSync, type RunRow, type SyncResult } from './sync.js';

const secret = z.string().min(1).max(4000);
const auth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  // A secret left out keeps the stored one: the API never sends it back, so a form cannot repeat it.
  z.object({ kind: z.literal('bearer'), token: secret.optional() }).strict(),
  z.object({ kind: z.literal('client_credentials'), tokenUrl: z.url(), clientId: singleLine(200).min(1), clientSecret: secret.optional() }).strict(),
]);

const sourceIn = z
  .object({
    baseUrl: z.url().max(500),
    clientNumberSystem: singleLine(300).min(1),
    auth,
    intervalMinutes: z.number().int().min(5).max(1440).default(60),
    districtNursing: z.boolean().default(true),
    enabled: z.boolean().default(true),
  })
  .strict();

const sourceOut = z.object({
  baseUrl: z.string(),
  clientNumberSystem: z.string(),
  auth: z.object({ kind: z.enum(['none', 'bearer', 'client_credentials']), tokenUrl: z.string().nullable(), clientId: z.string().nullable(), hasSecret: z.boolean() }),
  intervalMinutes: z.number(),
  districtNursing: z.boolean(),
  enabled: z.boolean(),
  nextRunAt: z.date(),
});

const runOut = z.object({
  id: z.string(),
  startedAt: z.date(),
  finishedAt: z.date(),
  status: z.enum(['ok', 'partial', 'failed']),
  created: z.number(),
  updated: z.number(),
  ended: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ reference: z.string().optional(), clientNumber: z.string().optional(), code: z.string(), message: z.string() })),
});

const sourceView = (row: store.SourceRow): z.infer<typeof sourceOut> => ({
  baseUrl: row.base_url,
  clientNumberSystem: row.client_number_system,
  auth: { kind: row.auth_kind, tokenUrl: row.token_url, clientId: row.oauth_client_id, hasSecret: row.secret_enc !== null },
  intervalMinutes: row.interval_minutes,
  districtNursing: row.district_nursing,
  enabled: row.enabled,
  nextRunAt: row.next_run_at,
});

const runView = (row: RunRow): z.infer<typeof runOut> => ({
  id: row.id,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  status: row.status,
  created: row.created,
  updated: row.updated,
  ended: row.ended,
  unchanged: row.unchanged,
  errors: row.errors as store.RunError[],
});

export interface ImportRouteOptions {
  /** Accept http:// endpoints (a fake server on loopback in tests); production takes https only. */
  allowHttp: boolean;
  limits: ImportLimits;
}

/** A host name as it appears in a URL: lower-case labels, or an IPv4 address. */
const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, 'A host name such as ecd.example.nl');
const allowedHostsBody = z.object({ hosts: z.array(hostName).max(100) }).strict();

const tags = ['fhir'];

/** The organisation administrator sets up the organisation's own FHIR endpoint, reads the sync reports and runs a sync at once. */
export function importRoutes(deps: PlatformDeps, options: ImportRouteOptions): FastifyPluginAsyncZod {
  const secure = (url: string, path: string) => {
    if (!url.startsWith('https://') && !(options.allowHttp && url.startsWith('http://'))) throw invalid('The endpoint must use https', [{ path, code: 'https_required', message: 'https://' }]);
  };
  /** The endpoint's host on the alliance's list and (unless the server allows it) on public addresses only: else a 400 that says which. */
  const permitted = async (allianceId: string, url: string, path: string) => {
    const refusal = await endpointRefusal(deps.db, allianceId, url, options.limits);
    if (refusal) throw invalid(refusalMessage(refusal), [{ path, code: refusal.code, message: refusal.host }]);
  };
  return async (app) => {
    app.get('/fhir-import', { schema: { tags, response: { 200: z.object({ source: sourceOut.nullable(), runs: z.array(runOut) }) } } }, async (request) => {
      const ctx = requireRole(request, 'organisation_admin');
      const [source, runs] = await Promise.all([store.readSource(deps.db, ctx.organisationId), store.runsOf(deps.db, ctx.organisationId, 20)]);
      return { source: source ? sourceView(source) : null, runs: runs.map(runView) };
    });

    app.put('/fhir-import/source', { schema: { tags, description: 'Sets up the sync of the organisation\'s clients from its own FHIR R4 endpoint. Secrets are stored sealed and never returned.', body: sourceIn, response: { 200: sourceOut } } }, async (request) => {
      const ctx = requireRole(request, 'organisation_admin');
      const body = request.body;
      secure(body.baseUrl, 'baseUrl');
      if (body.auth.kind === 'client_credentials') secure(body.auth.tokenUrl, 'auth.tokenUrl');
      const existing = await store.readSource(deps.db, ctx.organisationId);
      const given = body.auth.kind === 'bearer' ? body.auth.token : body.auth.kind === 'client_credentials' ? body.auth.clientSecret : undefined;
      // The stored secret carries over only to the same kind of authentication.
      const kept = existing?.auth_kind === body.auth.kind ? existing.secret_enc : null;
      const secretEnc = body.auth.kind === 'none' ? null : given ? deps.secretBox.seal(given) : kept;
      if (body.auth.kind !== 'none' && !secretEnc) throw invalid('Give the secret for this authentication', [{ path: 'auth', code: 'secret_required', message: 'secret' }]);
      await permitted(actingAlliance(ctx), body.baseUrl, 'baseUrl');
      if (body.auth.kind === 'client_credentials') await permitted(actingAlliance(ctx), body.auth.tokenUrl, 'auth.tokenUrl');
      const row = await store.saveSource(deps.db, {
        organisationId: ctx.organisationId,
        allianceId: actingAlliance(ctx),
        baseUrl: body.baseUrl.replace(/\/+$/, ''),
        clientNumberSystem: body.clientNumberSystem,
        authKind: body.auth.kind,
        tokenUrl: body.auth.kind === 'client_credentials' ? body.auth.tokenUrl : null,
        oauthClientId: body.auth.kind === 'client_credentials' ? body.auth.clientId : null,
        secretEnc,
        districtNursing: body.districtNursing,
        intervalMinutes: body.intervalMinutes,
        enabled: body.enabled,
        actingUserId: ctx.actorId,
      });
      return sourceView(row);
    });

    app.get(
      '/fhir-import/allowed-hosts',
      { schema: { tags, description: "The hosts the alliance's organisations may import clients from (alliance and organisation administrators).", response: { 200: allowedHostsBody } } },
      async (request) => {
        const ctx = requireUser(request);
        if (!hasRole(ctx, 'alliance_admin') && !hasRole(ctx, 'organisation_admin')) throw forbidden('Requires an administrator');
        return { hosts: await store.allowedHosts(deps.db, actingAlliance(ctx)) };
      },
    );

    app.put(
      '/fhir-import/allowed-hosts',
      { schema: { tags, description: "Sets the hosts the alliance's organisations may import clients from (alliance administrators). A sync to any other host is refused.", body: allowedHostsBody, response: { 200: allowedHostsBody } } },
      async (request) => {
        const ctx = requireRole(request, 'alliance_admin');
        const hosts = [...new Set(request.body.hosts)].sort();
        await store.setAllowedHosts(deps.db, actingAlliance(ctx), hosts, ctx.actorId);
        return { hosts };
      },
    );

    app.delete('/fhir-import/source', { schema: { tags, response: { 204: z.null() } } }, async (request, reply) => {
      const ctx = requireRole(request, 'organisation_admin');
      if ((await store.deleteSource(deps.db, ctx.organisationId)) === 0) throw notFound('FHIR import source');
      return reply.status(204).send(null);
    });

    app.post(
      '/fhir-import/run',
      {
        schema: {
          tags,
          description:
            "Runs the sync now and answers its report. A source that could not be read answers 502 (it answered a redirect, more than the limit, an error or no Bundle, or could not be reached) or 504 (it did not answer in time), the error's details naming the reason and the failed run, which stays in the history.",
          response: { 200: runOut },
        },
      },
      async (request) => {
        const ctx = requireRole(request, 'organisation_admin');
        const configured = await store.readSource(deps.db, ctx.organisationId);
        if (!configured) throw notFound('FHIR import source');
        // The alliance may have taken the host off its list since the set-up: refused before anything is sent.
        await permitted(configured.alliance_id, configured.base_url, 'baseUrl');
        if (configured.token_url) await permitted(configured.alliance_id, configured.token_url, 'auth.tokenUrl');
        const source = await store.claimSource(deps.db, ctx.organisationId, new Date());
        if (!source) throw conflict('A sync of this source is running');
        let result: SyncResult;
        try {
          result = await runSync(deps, source, options.limits);
        } finally {
          await store.releaseSource(deps.db, ctx.organisationId);
        }
        const failure = result.sourceFailure;
        if (failure) throw sourceFailureError(failure.code, failure.message, result.run.id);
        return runView(result.run);
      },
    );
  };
}
