import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../../platform/auth/index.js';
import type { RespiteDeps } from '../deps.js';
import { respiteSettingsBody, respiteSettingsOut } from './schemas.js';
import { readRespiteSettings, updateRespiteSettings } from './service.js';

const tags = ['respite'];

/** The acting alliance's respite settings: its administrators only. */
export function settingsRoutes(deps: RespiteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/respite/settings', { schema: { tags, description: 'Minimum lead time, hold hours, smallest group in the analytics, crisis phone and the night-care link’s alarm threshold. Alliance administrators.', response: { 200: respiteSettingsOut } } }, async (request) =>
      readRespiteSettings(deps, requireUser(request)),
    );
    app.put('/respite/settings', { schema: { tags, description: 'Replaces the respite settings; audited with each change from → to; effective at once. Alliance administrators.', body: respiteSettingsBody, response: { 200: respiteSettingsOut } } }, async (request) =>
      updateRespiteSettings(deps, requireUser(request), request.body),
    );
  };
}
