import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import { answer } from '../../../platform/http/index.js';
import type { RespiteDeps } from '../deps.js';
import { codeThemesBody, freeTextsOut, freeTextsQuery, questionnaireBody, questionnaireOut, resultsOut, resultsQuery } from './schemas.js';
import * as service from './service.js';

const allianceParams = z.object({ allianceId: z.uuid() });
const idParams = z.object({ id: z.uuid() });

/** The pilot's questionnaires: answered login-free, coded by research partners, read as results per municipality. */
export function researchRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/public/respite/alliances/:allianceId/questionnaire',
      { schema: { tags: ['respite (public)'], description: 'An anonymous answer from an older person, a caregiver or a professional; a caregiver gets their strain score.', params: allianceParams, body: questionnaireBody, response: { 201: questionnaireOut } } },
      // request.ip is the address as seen through the trusted proxies: only its keyed hash is kept, for the rate limit.
      async (request, reply) => reply.status(201).send(await service.answerQuestionnaire(deps, request.params.allianceId, request.body, request.ip)),
    );
    const tags = ['respite', 'research'];
    app.get('/respite/research/free-texts', { schema: { tags, description: 'Free texts to code into themes, with keyword suggestions. Research partners.', querystring: freeTextsQuery, response: { 200: freeTextsOut } } }, async (request) =>
      answer(freeTextsOut, await service.freeTextsToCode(deps, requireUser(request), request.query.coded)),
    );
    app.put('/respite/research/answers/:id/themes', { schema: { tags, description: 'The themes a person confirmed for one free text.', params: idParams, body: codeThemesBody, response: { 204: z.null() } } }, async (request, reply) => {
      await service.codeAnswer(deps, requireUser(request), request.params.id, request.body.themes);
      return reply.status(204).send(null);
    });
    app.get('/respite/research/results', { schema: { tags, description: 'Questionnaire results per municipality; small groups hidden.', querystring: resultsQuery, response: { 200: resultsOut } } }, async (request) =>
      answer(resultsOut, await service.questionnaireResults(deps, requireUser(request), request.query.municipality)),
    );
  };
}
