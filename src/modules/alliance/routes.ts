import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireContext, requireRole } from '../../platform/auth/index.js';
import type { PlatformDeps } from '../../platform/deps.js';
import { singleLine } from '../../platform/http/index.js';
import { agreementCreate, agreementOut, allianceOut, allianceSettingsUpdate, organisationCreate, organisationOut, staffCreate, staffOut } from './schemas.js';
import * as service from './service.js';

const created = z.object({ id: z.string() });

export function allianceRoutes({ db }: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/alliances', { schema: { tags: ['alliance'], response: { 200: z.object({ items: z.array(allianceOut) }) } } }, async (request) => ({
      items: await service.listAlliances(db, requireContext(request)),
    }));
    app.patch(
      '/alliances/:id/settings',
      { schema: { tags: ['alliance'], params: z.object({ id: z.uuid() }), body: allianceSettingsUpdate, response: { 204: z.null() } } },
      async (request, reply) => {
        await service.updateAllianceSettings(db, requireContext(request), request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );
    app.get('/organisations', { schema: { tags: ['alliance'], response: { 200: z.object({ items: z.array(organisationOut) }) } } }, async (request) => ({
      items: await service.listOrganisations(db, requireContext(request)),
    }));
    app.post('/organisations', { schema: { tags: ['alliance'], body: organisationCreate, response: { 201: created } } }, async (request, reply) => {
      return reply.status(201).send({ id: await service.createOrganisation(db, requireContext(request), request.body) });
    });
    app.get('/agreements', { schema: { tags: ['alliance'], response: { 200: z.object({ items: z.array(agreementOut) }) } } }, async (request) => ({
      items: await service.listAgreements(db, requireContext(request)),
    }));
    app.post('/agreements', { schema: { tags: ['alliance'], body: agreementCreate, response: { 201: created } } }, async (request, reply) => {
      return reply.status(201).send({ id: await service.createAgreement(db, requireContext(request), request.body) });
    });
    app.get('/staff', { schema: { tags: ['alliance'], response: { 200: z.object({ items: z.array(staffOut) }) } } }, async (request) => ({
      items: await service.listStaff(db, requireRole(request, 'organisation_admin', 'alliance_admin')),
    }));
    app.post('/staff', { schema: { tags: ['alliance'], body: staffCreate, response: { 201: created } } }, async (request, reply) => {
      const ctx = requireRole(request, 'organisation_admin', 'alliance_admin');
      return reply.status(201).send({ id: await service.createStaff(db, ctx, ctx.organisationId, request.body) });
    });
    app.get(
      '/api-keys',
      { schema: { tags: ['alliance'], response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string(), created_at: z.date(), revoked_at: z.date().nullable() })) }) } } },
      async (request) => ({ items: await service.listApiKeys(db, requireRole(request, 'organisation_admin').organisationId) }),
    );
    app.post(
      '/api-keys',
      { schema: { tags: ['alliance'], body: z.object({ name: singleLine(80).min(2), messaging: z.boolean().default(false).describe("The organisation's gateway to the Danish message network (MedCom): delivers and collects its messages") }), response: { 201: z.object({ id: z.string(), key: z.string(), prefix: z.string() }) } } },
      async (request, reply) => reply.status(201).send(await service.createApiKey(db, requireRole(request, 'organisation_admin').organisationId, request.body.name, request.body.messaging)),
    );
    app.delete('/api-keys/:id', { schema: { tags: ['alliance'], params: z.object({ id: z.uuid() }), response: { 204: z.null() } } }, async (request, reply) => {
      await service.revokeApiKey(db, requireRole(request, 'organisation_admin').organisationId, request.params.id);
      return reply.status(204).send(null);
    });
  };
}
