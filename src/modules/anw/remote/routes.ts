import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { nightSummaryOut } from '../../clients/index.js';
import type { AnwOptions } from './options.js';
import { requestSourceAccess } from './regisseur.js';
import * as store from './store.js';
import { incidentNightSummary, writeBackVisit } from './zorgverlener.js';
import { followAssignments } from './follow-assignments.js';
import { summaryOrigin } from './summary-origin.js';

const FOLLOW_EVERY_MS = 2000;

const tags = ['anw'];
const incidentParams = z.object({ id: z.uuid() });

const settingsBody = z
  .object({
    did: z.string().trim().regex(/^did:[a-z0-9]+:\S{1,200}$/, 'A DID such as did:nuts:…').nullable(),
    sourceBaseUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().describe("The FHIR STU3 base URL of the organisation's ANW-capable record system (ANW Bronhouder); null when Samenzorg is its record"),
    writeBackHandover: z.boolean().default(false),
  })
  .strict();

const sourceSummaryOut = z.object({
  name: z.string(),
  birthDate: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  generalPractitioner: z.string().nullable(),
  alerts: z.array(z.string()),
  allergies: z.array(z.string()),
  wishes: z.array(z.string()),
  reports: z.array(z.object({ at: z.string().nullable(), text: z.string() })),
});

/**
 * The ANW exchange for our own staff: the organisation's settings, and per incident the source's access,
 * summary and write-back. The Regisseur subscribes here to night care's assignment events: a work queue
 * in PostgreSQL (SKIP LOCKED with a lease) rather than an in-process callback, so with several instances
 * each assignment is asked for once, and an instance that dies mid-way leaves it to the next.
 */
export function anwRoutes(deps: PlatformDeps, options: AnwOptions): FastifyPluginAsyncZod {
  return async (app) => {
    if (options.followAssignments !== false) {
      const timer = setInterval(() => void followAssignments(deps, options).catch((error: unknown) => app.log.error(error)), options.followEveryMs ?? FOLLOW_EVERY_MS);
      timer.unref();
      app.addHook('onClose', () => clearInterval(timer));
    }
    app.get('/anw/settings', { schema: { tags, description: "The organisation's ANW settings (organisation administrators).", response: { 200: settingsBody } } }, async (request) => {
      const ctx = requireRole(request, 'organisation_admin');
      const row = await store.settingOf(deps.db, ctx.organisationId);
      return { did: row?.did ?? null, sourceBaseUrl: row?.source_base_url ?? null, writeBackHandover: row?.write_back_handover ?? false };
    });
    app.put('/anw/settings', { schema: { tags, description: "Sets the organisation's Nuts DID and its ANW source (organisation administrators).", body: settingsBody, response: { 204: z.null() } } }, async (request, reply) => {
      const ctx = requireRole(request, 'organisation_admin');
      await store.putSetting(deps.db, ctx.organisationId, request.body);
      return reply.status(204).send(null);
    });
    app.post(
      '/anw/incidents/:id/source-access',
      {
        schema: {
          tags,
          description: "As ANW Regisseur: asks the client's own ANW source for access for the incident's assigned nurse (the authorization Task) and follows it to ready. Assigning the nurse does this by itself; this asks again (a retry). A source that is down or refuses answers status failed with the reason.",
          params: incidentParams,
          response: { 200: z.object({ status: z.enum(['requested', 'ready', 'failed']), error: z.string().nullable() }) },
        },
      },
      async (request) => requestSourceAccess(deps, options, requireUser(request), request.params.id),
    );
    app.get(
      '/anw/incidents/:id/night-summary',
      {
        schema: {
          tags,
          description: "The incident's night summary with where it came from: read through from the client's ANW source for this assignment, or our copy; with a warning when the source did not answer.",
          params: incidentParams,
          response: {
            200: z.object({
              origin: z.enum(['source', 'copy']),
              fetchedAt: z.date().nullable(),
              warning: z.enum(['source_unavailable']).nullable(),
              source: sourceSummaryOut.nullable(),
              copy: nightSummaryOut.nullable(),
              sourceOrganisation: z.string().nullable().describe("The organisation whose system the summary was read from, or whose source did not answer"),
              copyUpdatedAt: z.date().nullable().describe('When our copy was last changed, when the copy is shown'),
            }),
          },
        },
      },
      async (request) => incidentNightSummary(deps, options, requireUser(request), request.params.id),
    );
    app.get(
      '/anw/incidents/:id/summary-origin',
      {
        schema: {
          tags,
          description: "Where the incident's night summary comes from and how fresh it is, without the summary (the coordinator's incident panel).",
          params: incidentParams,
          response: {
            200: z.object({ origin: z.enum(['source', 'copy']), fetchedAt: z.date().nullable(), warning: z.enum(['source_unavailable']).nullable(), sourceOrganisation: z.string().nullable(), copyUpdatedAt: z.date().nullable() }),
          },
        },
      },
      async (request) => summaryOrigin(deps, requireUser(request), request.params.id),
    );
    app.post(
      '/anw/incidents/:id/write-back',
      {
        schema: {
          tags,
          description: "As ANW Zorgverlener: writes the visit report back to the client's source as a nursing report (with the organisation's handover setting, its follow-up as a transfer note) and the minutes on site as an nl-time-charge-item, each once.",
          params: incidentParams,
          response: { 200: z.object({ sent: z.array(z.enum(['nursing_report', 'handover', 'time'])), minutes: z.number() }) },
        },
      },
      async (request) => writeBackVisit(deps, options, requireUser(request), request.params.id),
    );
  };
}
