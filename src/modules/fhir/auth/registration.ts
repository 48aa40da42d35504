import { createPublicKey } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { notFound, singleLine } from '../../../platform/http/index.js';
import { isScope } from './scopes.js';
import * as store from './store.js';

/** A public key as a JWK: RSA or EC, and never a private part. */
const publicJwk = z
  .looseObject({ kty: z.enum(['RSA', 'EC']), kid: z.string().max(200).optional(), alg: z.enum(['RS384', 'ES384']).optional() })
  .refine((k) => !('d' in k), { message: 'Register the public key only: this key has a private part (d)' })
  .refine(
    (k) => {
      try {
        createPublicKey({ key: k, format: 'jwk' });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Not a usable public key' },
  );

const machineClientCreate = z
  .object({
    name: singleLine(120).min(1),
    jwks: z.object({ keys: z.array(publicJwk).min(1).max(10) }),
    scopes: z.array(z.string().refine(isScope, 'A scope is system/<ResourceType>.read, system/*.read or system/<ResourceType>.write')).min(1).max(20),
  })
  .strict();

const machineClientOut = z.object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), created_at: z.date(), revoked_at: z.date().nullable() });
const tags = ['fhir'];

/** The organisation administrator registers the partner systems that may use the FHIR API for the organisation. */
export function machineClientRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/fhir-clients', { schema: { tags, response: { 200: z.object({ items: z.array(machineClientOut) }) } } }, async (request) => ({
      items: await store.machineClientsOf(deps.db, requireRole(request, 'organisation_admin').organisationId),
    }));
    app.post(
      '/fhir-clients',
      {
        schema: {
          tags,
          description: "Registers a machine client of the FHIR API (SMART Backend Services) with its public keys. Its id is the client_id (iss and sub) of its JWT assertions at /fhir/R4/auth/token.",
          body: machineClientCreate,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const ctx = requireRole(request, 'organisation_admin');
        const created = await store.insertMachineClient(deps.db, { organisationId: ctx.organisationId, name: request.body.name, jwks: request.body.jwks, scopes: request.body.scopes, createdBy: ctx.actorId });
        return reply.status(201).send({ id: created.id });
      },
    );
    app.post('/fhir-clients/:id/revoke', { schema: { tags, params: z.object({ id: z.uuid() }), response: { 204: z.null() } } }, async (request, reply) => {
      const ctx = requireRole(request, 'organisation_admin');
      if ((await store.revokeMachineClient(deps.db, ctx.organisationId, request.params.id)) === 0) throw notFound('FHIR client');
      return reply.status(204).send(null);
    });
  };
}
