import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../../platform/auth/index.js';
import { answer } from '../../../platform/http/index.js';
import { languages, type Language } from '../../../platform/i18n/index.js';
import type { RespiteDeps } from '../deps.js';
import { analyticsCsv } from './csv.js';
import { analyticsOut, analyticsQuery, figureParams } from './schemas.js';
import { readAnalytics } from './service.js';

const tags = ['respite', 'analytics'];

/** The municipality's figures, as JSON for the charts and one CSV per figure; aggregates only. */
export function analyticsRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/respite/analytics',
      { schema: { tags, description: 'Occupancy per location, offer type and month; stays, lead time, cancellations and no-shows; unmet requests by reason; non-use reasons. Small groups hidden. Partners with the analytics role.', querystring: analyticsQuery, response: { 200: analyticsOut } } },
      async (request) => answer(analyticsOut, await readAnalytics(deps, requireUser(request), request.query)),
    );
    app.get('/respite/analytics/:figure.csv', { schema: { tags, description: 'One figure as CSV in the reader’s language.', params: figureParams, querystring: analyticsQuery } }, async (request, reply) => {
      const ctx = requireUser(request);
      const analytics = await readAnalytics(deps, ctx, request.query);
      const preferred = (await deps.db.selectFrom('app_user').select('preferred_language').where('id', '=', ctx.actorId).executeTakeFirst())?.preferred_language ?? 'nl';
      const language: Language = (languages as readonly string[]).includes(preferred) ? (preferred as Language) : 'nl';
      const csv = analyticsCsv(analytics, request.params.figure, language);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="logeerzorg-${request.params.figure}-${analytics.from}-${analytics.to}.csv"`).send(csv);
    });
  };
}
