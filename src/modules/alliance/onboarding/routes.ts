import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { checklistOut, invitationAccept, invitationCreate, invitationOut, invitationView, organisationParams, teamCandidateOut, teamMemberBody, tokenParams } from './schemas.js';
import * as service from './service.js';

const tags = ['onboarding'];

/** Onboarding a partner (issue 11 item 7): its first administrator's invitation, its checklist, the night team's members. */
export function onboardingRoutes({ db }: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/organisations/:id/invitations',
      { schema: { tags, params: organisationParams, body: invitationCreate, response: { 201: invitationOut } } },
      async (request, reply) => reply.status(201).send(await service.inviteAdministrator(db, requireUser(request), request.params.id, request.body)),
    );
    app.get('/organisations/:id/checklist', { schema: { tags, params: organisationParams, response: { 200: checklistOut } } }, async (request) =>
      service.organisationChecklist(db, requireUser(request), request.params.id),
    );
    // Public: the one-time token is the invitee's only credential until the password is set.
    app.get('/invitations/:token', { schema: { tags, params: tokenParams, response: { 200: invitationView } } }, async (request) => service.viewInvitation(db, request.params.token));
    app.post('/invitations/:token/accept', { schema: { tags, params: tokenParams, body: invitationAccept, response: { 200: z.object({ email: z.string() }) } } }, async (request) =>
      service.acceptInvitation(db, request.params.token, request.body.password),
    );
    app.get('/night-team/members', { schema: { tags, response: { 200: z.object({ items: z.array(teamCandidateOut) }) } } }, async (request) => ({
      items: await service.nightTeamCandidates(db, requireUser(request)),
    }));
    app.post('/night-team/members', { schema: { tags, body: teamMemberBody, response: { 204: z.null() } } }, async (request, reply) => {
      await service.addNightTeamMember(db, requireUser(request), request.body.userId, request.body.organisationId);
      return reply.status(204).send(null);
    });
    app.delete('/night-team/members/:userId', { schema: { tags, params: z.object({ userId: z.uuid() }), response: { 204: z.null() } } }, async (request, reply) => {
      await service.removeNightTeamMember(db, requireUser(request), request.params.userId);
      return reply.status(204).send(null);
    });
  };
}
