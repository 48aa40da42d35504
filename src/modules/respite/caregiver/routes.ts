import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCitizen } from '../../../platform/auth/index.js';
import { answer } from '../../../platform/http/index.js';
import type { RespiteDeps } from '../deps.js';
import { caregiverOverviewOut, confirmSeriesBody, feedbackBody } from './schemas.js';
import * as service from './service.js';

const tags = ['respite (caregiver)'];
const idParams = z.object({ id: z.uuid() });

/** The signed-in caregiver's own requests and stays; the citizen session, never a staff one. */
export function caregiverRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/citizen/respite', { schema: { tags, response: { 200: caregiverOverviewOut } } }, async (request) =>
      answer(caregiverOverviewOut, await service.caregiverOverview(deps, requireCitizen(request))),
    );
    app.post('/citizen/respite/series/:id/confirm', { schema: { tags, params: idParams, body: confirmSeriesBody, response: { 200: caregiverOverviewOut } } }, async (request) =>
      answer(caregiverOverviewOut, await service.confirmSeries(deps, requireCitizen(request), request.params.id, request.body.stayIds)),
    );
    app.post('/citizen/respite/stays/:id/confirm', { schema: { tags, params: idParams, response: { 200: caregiverOverviewOut } } }, async (request) =>
      answer(caregiverOverviewOut, await service.confirmStay(deps, requireCitizen(request), request.params.id)),
    );
    app.post('/citizen/respite/stays/:id/cancel', { schema: { tags, params: idParams, response: { 200: caregiverOverviewOut } } }, async (request) =>
      answer(caregiverOverviewOut, await service.cancelOwnStay(deps, requireCitizen(request), request.params.id)),
    );
    app.post('/citizen/respite/stays/:id/feedback', { schema: { tags, params: idParams, body: feedbackBody, response: { 200: caregiverOverviewOut } } }, async (request) =>
      answer(caregiverOverviewOut, await service.giveFeedback(deps, requireCitizen(request), request.params.id, request.body)),
    );
  };
}
