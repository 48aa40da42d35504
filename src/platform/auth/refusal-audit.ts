import type { FastifyInstance } from 'fastify';
import { primaryRole } from '../access/index.js';
import { appendAudit, type RefusedRoute } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { AppError } from '../http/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A refusal at a role check (403: a machine asking for a key-safe code, a nurse opening the audit log)
 * is an attempted access, logged like the access checks' own refusals and committed before the 403
 * leaves (Fastify runs onError hooks before the error handler). On a client's routes the entry names
 * the client and its organisation, so the home organisation sees the attempt.
 */
export function installRefusalAudit(app: FastifyInstance, db: Db): void {
  app.addHook('onError', async (request, _reply, error) => {
    const ctx = request.auth?.ctx;
    if (!ctx || !(error instanceof AppError) || error.status !== 403) return;
    // Only API and FHIR requests carry an acting context (request-context.ts), so the route starts with /api/ or /fhir/.
    const route = (request.routeOptions.url ?? request.url) as RefusedRoute;
    const id = (request.params as Record<string, unknown> | undefined)?.id;
    const clientId = route.startsWith('/api/clients/:id') && typeof id === 'string' && UUID.test(id) ? id : null;
    try {
      const client = clientId ? await db.selectFrom('client').select(['alliance_id', 'organisation_id']).where('id', '=', clientId).executeTakeFirst() : undefined;
      await appendAudit(db, [
        {
          allianceId: client?.alliance_id ?? ctx.allianceId,
          userId: ctx.actorId,
          userName: ctx.actorName,
          organisationId: ctx.organisationId,
          role: primaryRole(ctx),
          clientId: client ? clientId : null,
          clientOrganisationId: client?.organisation_id ?? null,
          action: request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'change',
          resource: route,
          fields: [],
          purpose: null,
          reason: error.message,
          grantId: null,
          outcome: 'refused',
        },
      ]);
    } catch (failure) {
      // The refusal stands either way: nothing was disclosed; the failed entry must not turn it into a 500.
      request.log.error({ err: failure }, 'could not write the audit entry of a refused request');
    }
  });
}
