import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessContext } from '../../../platform/access/index.js';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { userLanguage } from '../handover/store.js';
import { asLanguage, readCostAllocation } from './cost-allocation.js';
import { costAllocationCsv } from './cost-allocation-csv.js';
import { renderCostAllocation } from './cost-allocation-pdf.js';
import { readCoverage } from './coverage.js';
import * as s from './schemas.js';
import { readKpis } from './service.js';
import { readManagementSettings, updateManagementSettings } from './settings.js';

const tags = ['nightcare', 'kpi'];
const readerLanguage = async (deps: PlatformDeps, ctx: AccessContext) => asLanguage(await deps.db.transaction().execute((trx) => userLanguage(trx, ctx.actorId)));

/** Night-care figures, coverage, the monthly cost statement and the settings behind them: aggregates only, no client identities. */
export function kpiRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/nightcare/kpis',
      {
        schema: {
          tags,
          description: 'Response times against the alliance’s norms (unattended incidents count as late), cancelled and unattended incidents, staffing, utilisation, escalations, repeats, handovers read on time. Administrators and coordinators; no client identities.',
          querystring: s.kpiQuery,
          response: { 200: s.kpiOut },
        },
      },
      async (request) => readKpis(deps, requireUser(request), request.query),
    );
    app.get(
      '/nightcare/kpis/coverage',
      { schema: { tags, description: 'Share of eligible clients within the norm’s driving time of tonight’s nurses, and the postcode areas (PC4) out of reach.', querystring: s.coverageQuery, response: { 200: s.coverageOut } } },
      async (request) => readCoverage(deps, requireUser(request), request.query),
    );
    app.get(
      '/nightcare/management-settings',
      { schema: { tags, description: 'Response norms with their source, the staffing minimum and the cost agreement.', querystring: s.settingsQuery, response: { 200: s.settingsOut } } },
      async (request) => readManagementSettings(deps, requireUser(request), request.query.allianceId),
    );
    app.patch(
      '/nightcare/management-settings',
      { schema: { tags, description: 'Replaces the norms, staffing minimum and cost agreement. Alliance administrators.', body: s.settingsBody, response: { 200: s.settingsOut } } },
      async (request) => updateManagementSettings(deps, requireUser(request), request.body),
    );
    app.get(
      '/nightcare/cost-allocation',
      { schema: { tags, description: 'The month’s statement: supplying × using organisation, standby split by the alliance’s key plus minutes on site and travel, in euro cents. Alliance and organisation administrators.', querystring: s.costAllocationQuery, response: { 200: s.costAllocationOut } } },
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
