import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireContext } from '../../../platform/auth/index.js';
import type { PlatformDeps } from '../../../platform/deps.js';
import { forbidden, invalid, notFound, unauthenticated } from '../../../platform/http/index.js';
import { FHIR_JSON, scopesAllowRead, scopesAllowWrite } from '../../fhir/index.js';
import { anwSearchset, clientOfHouseAccess, houseAccessId } from '../stu3/bundle.js';
import { bronhouderCapability } from '../stu3/capability.js';
import { matchFixedQuery, type QueryParams } from '../stu3/fixed-queries.js';
import { acceptTask, answerFixedQuery, clientList, employeeList, houseAccess, readTask, writeObservation } from './service.js';

const baseOf = (request: FastifyRequest, prefix: string) => `${request.protocol}://${request.host}${prefix}`;

/**
 * Only machine clients with a bearer token of the FHIR API's token endpoint call the façade, each with
 * the scope of what it does; a staff session has the web app and the REST API instead.
 */
function machineContext(request: FastifyRequest, type: string, mode: 'read' | 'write') {
  if (!request.fhirScopes) throw unauthenticated('An ANW call carries a bearer token from the token endpoint');
  const allowed = mode === 'read' ? scopesAllowRead(request.fhirScopes, type) : scopesAllowWrite(request.fhirScopes, type);
  if (!allowed) throw forbidden(`The access token has no scope system/${type}.${mode}`);
  return requireContext(request);
}

/** The ANW Bronhouder routes (STU3), hidden from the REST OpenAPI document. */
export function bronhouderRoutes(deps: PlatformDeps, prefix: string, tokenUrl: (request: FastifyRequest) => string) {
  const hide = { schema: { hide: true } };
  return async (app: FastifyInstance) => {
    app.get('/metadata', hide, async (request, reply) => reply.type(FHIR_JSON).send(bronhouderCapability(baseOf(request, prefix), tokenUrl(request))));

    // The fixed query list: one route per searched type, the request matched against the list as written.
    for (const type of ['Patient', 'Practitioner', 'Observation', 'Flag', 'Consent', 'AllergyIntolerance']) {
      app.get<{ Querystring: QueryParams }>(`/${type}`, hide, async (request, reply) => {
        const ctx = machineContext(request, type, 'read');
        const match = matchFixedQuery(type, request.query);
        if (!match.ok) throw invalid(match.reason);
        const resources =
          match.name === 'client_list' ? await clientList(deps, ctx) : match.name === 'employee_list' ? await employeeList(deps, ctx) : await answerFixedQuery(deps, ctx, match.name, match.clientId ?? '');
        const self = request.url.slice(request.url.indexOf(`/${type}`));
        return reply.type(FHIR_JSON).send(anwSearchset(baseOf(request, prefix), self, resources));
      });
    }

    app.post('/Task', hide, async (request, reply) => {
      const ctx = machineContext(request, 'Task', 'write');
      const base = baseOf(request, prefix);
      const task = await acceptTask(deps, ctx, request.body, (clientId) => `${base}/Location/${houseAccessId(clientId)}`);
      return reply.status(201).header('location', `${base}/Task/${task.id}`).type(FHIR_JSON).send(task);
    });
    app.get<{ Params: { id: string } }>('/Task/:id', hide, async (request, reply) => {
      const ctx = machineContext(request, 'Task', 'read');
      if (!/^[0-9a-f-]{36}$/.test(request.params.id)) throw notFound('Task');
      return reply.type(FHIR_JSON).send(await readTask(deps, ctx, request.params.id));
    });

    app.post('/Observation', hide, async (request, reply) => {
      const ctx = machineContext(request, 'Observation', 'write');
      const written = await writeObservation(deps, ctx, request.body);
      return reply.status(201).header('location', `${baseOf(request, prefix)}/Observation/${written.id}`).type(FHIR_JSON).send(written);
    });

    app.get<{ Params: { id: string } }>('/Location/:id', hide, async (request, reply) => {
      const ctx = machineContext(request, 'Location', 'read');
      const clientId = clientOfHouseAccess(request.params.id);
      if (!clientId) throw notFound('Location');
      return reply.type(FHIR_JSON).send(await houseAccess(deps, ctx, clientId));
    });
  };
}
