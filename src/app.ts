import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditKeysFrom, startAuditPartitioning, startAuditSealer, withAuditKeys } from './platform/audit/index.js';
import { citizenAuthRoutes, DEFAULT_SIGN_IN_THROTTLE, installAuthentication, installCitizenAuthentication, installRefusalAudit, type CookieSecure, type SignInThrottle } from './platform/auth/index.js';
import { WEBHOOK_FUTURE_MARGIN_DEFAULT } from './platform/config.js';
import type { ReadDb } from './platform/db/index.js';
import type { PlatformDeps } from './platform/deps.js';
import { databaseCheck, healthRoutes, type ReadinessCheck } from './platform/health/index.js';
import { installCrossSiteGuard, installErrorHandler, installSecurityHeaders } from './platform/http/index.js';
import { installOpenApi } from './platform/http/openapi.js';
import { installWebApp } from './platform/http/web-app.js';
import { mailRoutes } from './platform/mail/index.js';
import { metricsRoutes } from './platform/metrics/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { allianceRoutes, onboardingRoutes } from './modules/alliance/index.js';
import { clientRoutes } from './modules/clients/index.js';
import { FHIR_PREFIX, fhirImportPlugin, fhirPlugin, machineClientRoutes, type FhirImportOptions } from './modules/fhir/index.js';
import { ANW_PREFIX, anwPlugin, anwRoutes, type AnwOptions } from './modules/anw/index.js';
import { defaultThrottles, identityRoutes } from './modules/identity/index.js';
import { nightcareGauges, nightcarePlugin } from './modules/nightcare/index.js';
import { planningRoutes, type PlanningOptions } from './modules/planning/index.js';
import { pushRoutes } from './modules/push/index.js';
import { respitePlugin, type RespiteOptions } from './modules/respite/index.js';
import { circlesPlugin, type CirclesOptions } from './modules/circles/index.js';
import { neighbourhoodRoutes } from './modules/neighbourhoods/index.js';
import { medcomRoutes } from './modules/medcom/index.js';
import { networkMapHsdsPlugin, networkMapPlugin, type NetworkMapOptions } from './modules/networkmap/index.js';

export interface AppOptions extends Omit<PlatformDeps, 'readDb'> {
  /** DATABASE_READ_URL's pool; default the primary's. */
  readDb?: ReadDb;
  logLevel?: string;
  /** Proxy hops whose X-Forwarded-* headers count (client address for the login throttle, https for Secure cookies, host for the cross-site check); 0 trusts none. */
  trustProxyHops?: number;
  /** How far ahead of the server's clock a webhook alarm's occurredAt may lie; default WEBHOOK_FUTURE_MARGIN_DEFAULT. */
  webhookFutureMarginSeconds?: number;
  /** COOKIE_SECURE; `auto` by default. */
  cookieSecure?: CookieSecure;
  /** Free failed logins per account and per source address before growing delays; defaults 5 and 30. */
  loginFailures?: { account?: number; source?: number };
  /** Citizen sign-in links asked for per address and per source address in an hour; defaults 5 and 30. */
  signInThrottle?: SignInThrottle;
  /** Serve the built React app from web/dist (production start); tests leave it off. */
  serveWebApp?: boolean;
  /** Accept plain-HTTP push endpoints (a local push service in tests); production takes https only. */
  allowHttpPushEndpoints?: boolean;
  /** METRICS_TOKEN: the bearer token /metrics asks for; unset, /metrics answers loopback only. */
  metricsToken?: string;
  /** Readiness checks beside the database's, e.g. the DC-09 listener that main.ts starts. */
  readinessChecks?: ReadinessCheck[];
  /** The route planner's set-up: the alliance's OSRM server (OSRM_URL), else the offline estimate. */
  planning?: PlanningOptions;
  /** Night care's sweeps (lapsed offers, overdue alerts, reminders, supervision); tests that drive them switch them off. */
  nightcareSweeps?: boolean;
  /** Respite's notifier and clock (tests hand in fakes); the hold sweep can be switched off for tests that drive it. */
  respite?: Partial<RespiteOptions> & { holdSweep?: boolean };
  /** Care circles' settings (attachment limits, the load signal); the sweeps can be switched off for tests that drive them. */
  circles?: CirclesOptions;
  /** The FHIR client import: http endpoints allowed (tests), its sweep switched off for tests that drive it. */
  fhirImport?: FhirImportOptions;
  /** The network map's clock and where the HSDS 3 schemas are read (HSDS_SCHEMA_DIR). */
  networkMap?: Partial<NetworkMapOptions>;
  /** How long an instance keeps a session's context between changes (SESSION_CACHE_MAX_AGE_MS); 0 keeps none. */
  sessionCacheMs?: number;
  /** The ANW exchange's seam to a Nuts node (tokens for the sources) and its read-through cache time. */
  anw?: AnwOptions;
}

/** Composes platform and modules into a Fastify app without listening, so tests can use inject(). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    // Trusting every X-Forwarded-For would let a client choose its own address and dodge the login throttle.
    trustProxy: (_address: string, hop: number) => hop < (options.trustProxyHops ?? 0),
    bodyLimit: 10 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app);
  installCrossSiteGuard(app);
  await app.register(cookie);
  // CSV imports arrive as text.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  await installOpenApi(app);
  const auditKeys = auditKeysFrom(options.secretBox);
  // Every handle the app hands out carries its audit keys, so each entry is MACed with this app's key.
  const db = withAuditKeys(options.db, auditKeys);
  await installAuthentication(app, db, options.databaseUrl, options.sessionCacheMs);
  installCitizenAuthentication(app, db);
  installRefusalAudit(app, db);
  const deps: PlatformDeps = { db, readDb: options.readDb ?? db, secretBox: options.secretBox, databaseUrl: options.databaseUrl, mailer: options.mailer, ...(options.push ? { push: options.push } : {}) };
  const throttles = defaultThrottles(options.loginFailures?.account, options.loginFailures?.source);
  await app.register(identityRoutes(deps, { throttles, cookieSecure: options.cookieSecure ?? 'auto' }), { prefix: '/api' });
  await app.register(citizenAuthRoutes(deps, { throttle: options.signInThrottle ?? DEFAULT_SIGN_IN_THROTTLE, cookieSecure: options.cookieSecure ?? 'auto' }), { prefix: '/api' });
  await app.register(mailRoutes(deps.db), { prefix: '/api' });
  await app.register(allianceRoutes(deps), { prefix: '/api' });
  await app.register(onboardingRoutes(deps), { prefix: '/api' });
  await app.register(clientRoutes(deps), { prefix: '/api' });
  await app.register(auditRoutes(deps), { prefix: '/api' });
  await app.register(nightcarePlugin(deps, { webhookFutureMarginSeconds: options.webhookFutureMarginSeconds ?? WEBHOOK_FUTURE_MARGIN_DEFAULT, sweeps: options.nightcareSweeps ?? true }), { prefix: '/api' });
  await app.register(planningRoutes(deps, options.planning), { prefix: '/api' });
  await app.register(pushRoutes(deps, { allowHttpEndpoints: options.allowHttpPushEndpoints ?? false }), { prefix: '/api' });
  await app.register(respitePlugin(deps, options.respite), { prefix: '/api' });
  await app.register(fhirPlugin(deps), { prefix: FHIR_PREFIX });
  await app.register(anwPlugin(deps), { prefix: ANW_PREFIX });
  await app.register(anwRoutes(deps, options.anw ?? {}), { prefix: '/api' });
  await app.register(machineClientRoutes(deps), { prefix: '/api' });
  await app.register(fhirImportPlugin(deps, options.fhirImport), { prefix: '/api' });
  await app.register(circlesPlugin(deps, options.circles), { prefix: '/api' });
  await app.register(neighbourhoodRoutes(deps), { prefix: '/api' });
  await app.register(medcomRoutes(deps), { prefix: '/api' });
  await app.register(networkMapPlugin(deps, options.networkMap), { prefix: '/api' });
  await app.register(networkMapHsdsPlugin(deps, options.networkMap));
  const stopSealer = startAuditSealer(db, auditKeys, {
    onError: (error) => app.log.error(error),
    onRejected: (auditIds) => app.log.error({ auditIds }, 'audit entries without a valid MAC were not sealed: written by someone without the audit key'),
  });
  app.addHook('onClose', stopSealer);
  app.addHook('onClose', startAuditPartitioning(db, (error) => app.log.error(error)));
  await app.register(healthRoutes([databaseCheck(db), ...(options.readinessChecks ?? [])]));
  await app.register(metricsRoutes({ token: options.metricsToken, registries: [nightcareGauges(db)] }));
  if (options.serveWebApp) await installWebApp(app);
  return app;
}
