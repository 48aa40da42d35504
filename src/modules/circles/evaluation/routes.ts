import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { languages, type Language } from '../../../platform/i18n/index.js';
import { circleActor } from '../actor.js';
import { clientParams, taskParams } from '../schemas.js';
import { evaluationCsv } from './csv.js';
import { rateExperience, recordEffort } from './record.js';
import { csvQuery, effortBody, evaluationOut, evaluationQuery, experienceBody } from './schemas.js';
import { readEvaluation } from './service.js';

const tags = ['circles', 'evaluation'];
const noContent = { 204: z.null() };
const asLanguage = (value: string | undefined): Language => languages.find((l) => l === value) ?? 'nl';

/** The evaluation of the circles (aggregates only) and the two facts it needs from them: the person's rating, a done task's minutes. */
export function evaluationRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/evaluation',
      {
        schema: {
          tags,
          description: 'Person-centred, socially embedded, economically sustainable, right time, equality in health: aggregates per alliance or organisation, groups below the alliance’s threshold suppressed. Roles the alliance allows; no person-level data.',
          querystring: evaluationQuery,
          response: { 200: evaluationOut },
        },
      },
      async (request) => readEvaluation(deps, requireUser(request), request.query),
    );
    app.get('/evaluation.csv', { schema: { tags, description: 'One figure of the evaluation as CSV in the reader’s language.', querystring: csvQuery } }, async (request, reply) => {
      const ctx = requireUser(request);
      const evaluation = await readEvaluation(deps, ctx, request.query);
      const user = await deps.db.selectFrom('app_user').select('preferred_language').where('id', '=', ctx.actorId).executeTakeFirst();
      const csv = evaluationCsv(evaluation, request.query.figure, asLanguage(user?.preferred_language));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="evaluatie-${request.query.figure}-${evaluation.from}-${evaluation.to}.csv"`).send(csv);
    });
    app.post('/circles/:clientId/experience', { schema: { tags, description: 'The person (or their representative) rates how their care feels, 1–5.', params: clientParams, body: experienceBody, response: noContent } }, async (request, reply) => {
      await rateExperience(deps, await circleActor(deps.db, request, request.params.clientId), request.params.clientId, request.body.rating);
      return reply.status(204).send(null);
    });
    app.put('/circles/:clientId/tasks/:taskId/effort', { schema: { tags, description: 'The minutes a done task took, for the professional hours of the evaluation.', params: taskParams, body: effortBody, response: noContent } }, async (request, reply) => {
      await recordEffort(deps, await circleActor(deps.db, request, request.params.clientId), request.params.clientId, request.params.taskId, request.body.minutes);
      return reply.status(204).send(null);
    });
  };
}
