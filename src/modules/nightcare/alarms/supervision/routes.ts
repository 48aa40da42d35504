import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAlliance } from '../../../../platform/access/index.js';
import { requireUser } from '../../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../../platform/deps.js';
import * as s from './schemas.js';
import { forgetAccount, intakeStatus, setAccountInterval, setAlarmCentreInterval, setIntakeSilenceMinutes, supervisionOverview } from './settings.js';

const tags = ['nightcare', 'supervision'];

/** Supervision of alarm sources: settings for alliance administrators, the intake status for the board. */
export function supervisionRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/nightcare/supervision',
      { schema: { tags, description: 'Every alarm source with its last sign of life and test interval, and the intake-silence setting. Alliance administrators.', querystring: s.supervisionQuery, response: { 200: s.supervisionOut } } },
      async (request) => supervisionOverview(deps, requireUser(request), request.query.allianceId),
    );
    app.patch(
      '/nightcare/supervision/settings',
      { schema: { tags, description: 'Sets how long intake may be silent at night before the board warns.', body: s.intakeSettingsBody, response: { 204: z.null() } } },
      async (request, reply) => {
        await setIntakeSilenceMinutes(deps, requireUser(request), request.body);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/nightcare/supervision/accounts',
      { schema: { tags, description: 'Sets a DC-09 account’s own test interval (null: the device-type default); registers an account not heard yet.', body: s.accountIntervalBody, response: { 200: s.supervisedSourceOut } } },
      async (request) => setAccountInterval(deps, requireUser(request), request.body),
    );
    app.post(
      '/nightcare/supervision/alarm-centres',
      { schema: { tags, description: 'Sets an alarm centre’s own test interval for its webhook (null: the default).', body: s.alarmCentreIntervalBody, response: { 200: s.supervisedSourceOut } } },
      async (request) => setAlarmCentreInterval(deps, requireUser(request), request.body),
    );
    app.delete(
      '/nightcare/supervision/accounts/:account',
      { schema: { tags, description: 'Stops supervising an account (a device taken out of use) and closes its "device silent" alarm; it returns when it speaks again.', params: s.accountParams, querystring: s.supervisionQuery, response: { 204: z.null() } } },
      async (request, reply) => {
        await forgetAccount(deps, requireUser(request), { account: request.params.account, allianceId: request.query.allianceId });
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/nightcare/supervision/status',
      { schema: { tags, description: 'For the coordinator’s board: the standing intake-silence alarm, if any.', response: { 200: s.intakeStatusOut } } },
      async (request) => {
        const ctx = requireUser(request);
        return intakeStatus(deps, ctx, actingAlliance(ctx));
      },
    );
  };
}
