import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessContext } from '../../../platform/access/index.js';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { asLanguage, costAllocationCsv, readCostAllocation } from './cost-allocation.js';
import { renderCostAllocation } from './cost-allocation-pdf.js';
import { userLanguage } from '../handover/store.js';
import * as s from './schemas.js';
import { readKpis } from './service.js';

const tags = ['nightcare', 'kpi'];
const readerLanguage = async (deps: PlatformDeps, ctx: AccessContext) => asLanguage(await deps.db.transaction().execute((trx) => userLanguage(trx, ctx.actorId)));

/** Night-care figures and the monthly cost allocation: coordinators and organisation administrators, aggregates only. */
export function kpiRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/nightcare/kpis',
      { schema: { tags, description: 'Response times (alarm → on site) per urgency and organisation, alarms by local hour, false-alarm rate. No client identities.', querystring: s.kpiQuery, response: { 200: s.kpiOut } } },
      async (request) => readKpis(deps, requireUser(request), request.query),
    );
    app.get(
      '/nightcare/cost-allocation',
      { schema: { tags, description: 'Per care provider the month’s incidents for its clients and minutes on site, with shares of the total.', querystring: s.costAllocationQuery, response: { 200: s.costAllocationOut } } },
      async (request) => readCostAllocation(deps, requireUser(request), request.query),
    );
    app.get('/nightcare/cost-allocation.csv', { schema: { tags, description: 'The same statement as CSV in the reader’s language.', querystring: s.costAllocationQuery } }, async (request, reply) => {
      const ctx = requireUser(request);
      const statement = await readCostAllocation(deps, ctx, request.query);
      const csv = costAllocationCsv(statement, await readerLanguage(deps, ctx));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="kostenverdeling-${statement.month}.csv"`).send(csv);
    });
    app.get('/nightcare/cost-allocation.pdf', { schema: { tags, description: 'The same statement as a PDF in the reader’s language.', querystring: s.costAllocationQuery } }, async (request, reply) => {
      const ctx = requireUser(request);
      const statement = await readCostAllocation(deps, ctx, request.query);
      const pdf = await renderCostAllocation(statement, await readerLanguage(deps, ctx));
      return reply.type('application/pdf').header('content-disposition', `inline; filename="kostenverdeling-${statement.month}.pdf"`).send(pdf);
    });
  };
}
