import type { ResourceHandler } from './handlers/handler.js';
import type { Resource } from './resource.js';

/** What the server can do, per resource type: read and search-type with the parameters each handler parses. */
export function capabilityStatement(base: string, handlers: readonly ResourceHandler[], withTokens: boolean): Resource {
  return {
    resourceType: 'CapabilityStatement',
    id: 'samenzorg',
    status: 'active',
    date: '2026-12-05',
    kind: 'instance',
    software: { name: 'Samenzorg' },
    implementation: { description: 'Samenzorg FHIR R4 API over the shared client record', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          description: withTokens
            ? 'A staff session or API key, or an OAuth2 bearer token from the token endpoint (SMART Backend Services: client credentials with a signed JWT assertion). Every read is checked and audited as in the REST API.'
            : 'A staff session or API key. Every read is checked and audited as in the REST API.',
          ...(withTokens
            ? {
                extension: [
                  {
                    url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                    extension: [{ url: 'token', valueUri: `${base}/auth/token` }],
                  },
                ],
              }
            : {}),
        },
        resource: handlers.map((h) => ({
          type: h.type,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [...Object.entries(h.params).map(([name, type]) => ({ name, type })), { name: '_count', type: 'number' }],
        })),
      },
    ],
  };
}
