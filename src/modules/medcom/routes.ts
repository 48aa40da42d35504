import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withClientAccess, type ApiKeyContext } from '../../platform/access/index.js';
import { requireContext, requireUser } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { forbidden, multiLine, singleLine } from '../../platform/http/index.js';
import { translator } from '../../platform/i18n/index.js';
import { formatInTimeZone } from 'date-fns-tz';
import { authorizeClients } from '../../platform/access/index.js';
import { receiveMessage } from './receive.js';
import { sendCareCommunication } from './send.js';
import * as store from './store.js';
import { matchMessage, receivedMessages } from './inbox-view.js';
import { messagingPartners } from '../alliance/index.js';
import { careCommunicationCategories } from './categories.js';
import { requireMedcom } from './gate.js';
import { sentMessages } from './outbox-view.js';
import { findPerson } from './people.js';

const tags = ['medcom'];
const bundleJson = z.record(z.string(), z.unknown()).describe('A FHIR R4 message Bundle (MedCom)');
const clientParams = z.object({ clientId: z.uuid() });
const phone = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{5,19}$/);
const sendBody = z.object({
  recipientOrganisationId: z.uuid().optional().describe('A partner from GET /medcom/recipients; required for a new message, not for a reply (it goes to the sender)'),
  category: z.enum(careCommunicationCategories).optional().describe('MedCom CareCommunication category; required for a new message, a reply keeps its thread’s'),
  topic: singleLine(60).min(1).optional().describe("Required by the profile when the category is 'other' (medcom-careCommunication-6)"),
  text: multiLine(4000).min(1),
  authorRole: singleLine(60).min(1),
  contactPhone: phone,
  replyTo: z.uuid().optional().describe('A received CareCommunication about the same person (GET /medcom/messages) that this message answers in its thread'),
});
const cprBody = z.object({ cpr: z.string().trim().regex(/^\d{6}-?\d{4}$/, 'A CPR number: ddmmyy-xxxx') }).strict();
const messageOut = { id: z.string(), kind: z.string(), peerSorCode: z.string().nullable(), status: z.string(), ackCode: z.string().nullable(), createdAt: z.date(), client: z.object({ id: z.string(), name: z.string() }).nullable() };
const observationsBody = z.object({
  recipientOrganisationId: z.uuid().describe("The person's GP practice or the regional clinic (an organisation with a SOR id)"),
  observations: z.array(z.object({ at: z.iso.datetime({ offset: true }), what: singleLine(80).min(1), value: singleLine(80).min(1) })).min(1).max(50),
  authorRole: singleLine(60).min(1),
  contactPhone: phone,
});

/** The gateway's key: an API key the organisation marked as its message-network gateway. */
function requireGateway(request: FastifyRequest): ApiKeyContext {
  const ctx = requireContext(request);
  if (ctx.actorKind !== 'api_key' || ctx.messaging !== true) throw forbidden('Only the organisation’s message gateway key');
  return ctx;
}

/**
 * MedCom over HTTP: the seam where the national message network (VANS) plugs in. The organisation's
 * gateway delivers each received message to the inbox and collects our messages from the outbox;
 * staff send care messages and the night's observations and read a person's message log.
 */
export function medcomRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/medcom/inbox',
      { schema: { tags, description: 'Delivers one received MedCom message; answers with our Acknowledgement (also queued in the outbox).', body: bundleJson, response: { 200: z.object({ outcome: z.enum(['processed', 'rejected', 'duplicate', 'acknowledgement']), acknowledgement: bundleJson.nullable() }) } } },
      async (request) => receiveMessage(deps, requireGateway(request), request.body),
    );
    app.post(
      '/medcom/outbox/collect',
      { schema: { tags, description: 'The gateway takes the queued messages to send (oldest first, at most 50); each is handed out once.', response: { 200: z.object({ items: z.array(z.object({ kind: z.string(), bundle: bundleJson })) }) } } },
      async (request) => {
        const ctx = requireGateway(request);
        const items = await deps.db.transaction().execute(async (trx) => {
          const rows = await store.collectOutbox(trx, ctx.organisationId, 50);
          const clientIds = rows.map((r) => r.client_id).filter((id): id is string => id !== null);
          // Handing a message about a person to the gateway is a disclosure of that person's data: audited.
          if (clientIds.length > 0) await authorizeClients(trx, ctx, clientIds, { level: 'identification', action: 'send_message', resource: 'medcom_message' });
          return rows.map((r) => ({ kind: r.kind, bundle: r.bundle as Record<string, unknown> }));
        });
        return { items };
      },
    );
    app.post('/medcom/clients/:clientId/care-communications', { schema: { tags, params: clientParams, body: sendBody, response: { 201: z.object({ bundleId: z.string() }) } } }, async (request, reply) =>
      reply.status(201).send(await sendCareCommunication(deps, requireUser(request), request.params.clientId, request.body)),
    );
    app.post(
      '/medcom/clients/:clientId/night-observations',
      { schema: { tags, description: "After municipal acute nursing: the night's observations to the person's GP, as a CareCommunication (examination results).", params: clientParams, body: observationsBody, response: { 201: z.object({ bundleId: z.string() }) } } },
      async (request, reply) => {
        const da = translator('da');
        const lines = request.body.observations.map((o) => `${formatInTimeZone(new Date(o.at), 'Europe/Copenhagen', 'dd-MM-yyyy HH:mm')} ${o.what}: ${o.value}`);
        const message = { recipientOrganisationId: request.body.recipientOrganisationId, category: 'examination-results', topic: da('medcom.observationsTopic'), text: lines.join('\n'), authorRole: request.body.authorRole, contactPhone: request.body.contactPhone };
        return reply.status(201).send(await sendCareCommunication(deps, requireUser(request), request.params.clientId, message, 'observations'));
      },
    );
    app.get(
      '/medcom/messages',
      {
        schema: {
          tags,
          description: "The organisation's received hospital notifications and care messages with their acknowledgement and the person matched (coordinators and organisation administrators).",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  ...messageOut,
                  event: z.string().nullable(),
                  topic: z.string().nullable(),
                  lateEffects: z.enum(['pending', 'applied', 'superseded', 'none']).nullable().describe('For a message matched after receipt: what its effects came to; pending: match it again to finish them'),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const ctx = requireUser(request);
        await requireMedcom(deps, ctx);
        return { items: await receivedMessages(deps, ctx) };
      },
    );
    app.post(
      '/medcom/messages/:id/match',
      {
        schema: {
          tags,
          description:
            'Matches a received message that named no known person to one of the organisation’s clients by CPR number (audited as a change), then applies once what it would have done on receipt: `applied`, `superseded` (a newer hospital notification for the person took effect meanwhile) or `none`.',
          params: z.object({ id: z.uuid() }),
          body: cprBody,
          response: { 200: z.object({ clientId: z.string(), effects: z.enum(['applied', 'superseded', 'none']) }) },
        },
      },
      async (request) => {
        const ctx = requireUser(request);
        await requireMedcom(deps, ctx);
        return matchMessage(deps, ctx, request.params.id, request.body.cpr);
      },
    );
    app.get(
      '/medcom/clients/:clientId/messages',
      {
        schema: {
          tags,
          params: clientParams,
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), direction: z.enum(['in', 'out']), kind: z.string(), event: z.string().nullable(), peerSorCode: z.string().nullable(), status: z.string(), ackCode: z.string().nullable(), createdAt: z.date() })) }) },
        },
      },
      async (request) => {
        const ctx = requireUser(request);
        await requireMedcom(deps, ctx);
        const rows = await withClientAccess(deps.db, ctx, request.params.clientId, { level: 'circle_messages', action: 'read', resource: 'medcom_message', sharingPurpose: 'care_network' }, (trx, permit) => store.clientMessages(trx, permit));
        return { items: rows.map((r) => ({ id: r.id, direction: r.direction, kind: r.kind, event: r.event, peerSorCode: r.peer_sor_code, status: r.status, ackCode: r.ack_code, createdAt: r.created_at })) };
      },
    );
    app.get(
      '/medcom/recipients',
      { schema: { tags, description: "The acting alliance's partners with a SOR id (not the caller's own organisation), by name: whom a care message can be sent to.", response: { 200: z.object({ items: z.array(z.object({ organisationId: z.string(), name: z.string(), kind: z.string(), sorCode: z.string() })) }) } } },
      async (request) => {
        const ctx = requireUser(request);
        return { items: await messagingPartners(deps.db, await requireMedcom(deps, ctx), ctx.organisationId) };
      },
    );
    app.post(
      '/medcom/people',
      { schema: { tags, description: 'Finds the person a message is about by CPR number, only if the caller may reach their circle’s messages (audited); otherwise not found.', body: cprBody, response: { 200: z.object({ clientId: z.string(), name: z.string() }) } } },
      async (request) => findPerson(deps, requireUser(request), request.body.cpr),
    );
    app.get(
      '/medcom/outbox',
      { schema: { tags, description: "The organisation's sent care messages with the gateway's progress and the receiver's acknowledgement (coordinators and organisation administrators).", response: { 200: z.object({ items: z.array(z.object({ ...messageOut, topic: z.string().nullable() })) }) } } },
      async (request) => {
        const ctx = requireUser(request);
        await requireMedcom(deps, ctx);
        return { items: await sentMessages(deps, ctx) };
      },
    );
  };
}
