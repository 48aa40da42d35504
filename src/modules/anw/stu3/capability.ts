import type { Resource } from '../../fhir/index.js';
import { FIXED_QUERIES } from './fixed-queries.js';
import { BRONHOUDER_CAPABILITY, ZIB } from './profiles.js';

/**
 * Our STU3 CapabilityStatement as ANW Bronhouder: `instantiates` names the role version we implement
 * (the guide's versioning section), and each resource lists the parameters of its fixed queries. STU3
 * requires acceptUnknown. Public, as the guide asks of `/metadata`.
 */
export function bronhouderCapability(base: string, tokenUrl: string): Resource {
  const types = [...new Set(FIXED_QUERIES.map((q) => q.resourceType))];
  const paramsOf = (type: string) => [...new Set(FIXED_QUERIES.filter((q) => q.resourceType === type).flatMap((q) => Object.keys(q.params)))];
  return {
    resourceType: 'CapabilityStatement',
    id: 'samenzorg-anw-bronhouder',
    status: 'active',
    date: '2026-12-05',
    kind: 'instance',
    instantiates: [BRONHOUDER_CAPABILITY],
    software: { name: 'Samenzorg' },
    implementation: { description: 'Samenzorg as ANW Bronhouder (STU3 façade over the shared client record)', url: base },
    fhirVersion: '3.0.2',
    acceptUnknown: 'no',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          description: `OAuth2 bearer tokens from ${tokenUrl} (client credentials with a signed JWT assertion); data of a client only with a token bound to the nurse's ANW grant.`,
        },
        resource: [
          ...types.map((type) => ({
            type,
            interaction: [{ code: 'search-type' }, ...(type === 'Observation' ? [{ code: 'create' }] : [])],
            ...(type === 'Patient' ? { searchInclude: ['Patient:general-practitioner', 'PractitionerRole:organization'] } : {}),
            searchParam: paramsOf(type).filter((p) => !p.startsWith('_include')).map((name) => ({ name, type: name === 'patient' ? 'reference' : name === '_count' ? 'number' : name === '_id' ? 'token' : 'string' })),
          })),
          { type: 'Task', profile: { reference: ZIB.authorizationRequest }, interaction: [{ code: 'create' }, { code: 'read' }] },
          { type: 'Location', interaction: [{ code: 'read' }] },
        ],
      },
    ],
  };
}
