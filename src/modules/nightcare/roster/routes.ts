import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { answer } from '../../../platform/http/index.js';
import * as s from './schemas.js';
import { nightRoster, setStaffingMinimum, takeBreak } from './service.js';

const tags = ['nightcare', 'roster'];
const ok = z.object({ ok: z.literal(true) });

/** Nurses at a glance for the night coordinator, the nurse's break, and the alliance's staffing minimum. */
export function rosterRoutes(deps: PlatformDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/nightcare/roster',
      {
        schema: {
          tags,
          description: "Tonight's roster (the shift running now, or the next one): each signed-up nurse's organisation, status, next planned visit and workload, and a staffing warning when fewer signed up than the alliance's minimum. Night coordinators.",
          response: { 200: s.rosterOut },
        },
      },
      async (request) => answer(s.rosterOut, await nightRoster(deps, requireUser(request))),
    );
    app.post(
      '/nightcare/break',
      { schema: { tags, description: 'A nurse on duty starts (`onBreak: true`) or ends a break. 409 when not on duty.', body: s.breakBody, response: { 200: ok } } },
      async (request) => {
        await takeBreak(deps, requireUser(request), request.body.onBreak);
        return { ok: true as const };
      },
    );
    app.patch(
      '/nightcare/roster/settings',
      { schema: { tags, description: "The alliance's staffing minimum: fewer nurses signed up for a night shows a warning. Alliance administrators.", body: s.staffingSettingsBody, response: { 200: ok } } },
      async (request) => {
        await setStaffingMinimum(deps, requireUser(request), request.body.minimumNurses);
        return { ok: true as const };
      },
    );
  };
}
