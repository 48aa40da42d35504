import { randomUUID } from 'node:crypto';
import type { Resource } from '../../fhir/index.js';

/**
 * An STU3 searchset. The fixed queries are small (at most ten entries) and answer in one page, so the
 * Bundle carries its total and no paging links.
 */
export function anwSearchset(base: string, selfUrl: string, resources: Resource[]): Resource {
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: `${base}${selfUrl}` }],
    entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}

/** The house-access Location (the guide's "woningtoegang"): its description is how to get in. */
export const houseAccessId = (clientId: string) => `${clientId}-house-access`;
export const clientOfHouseAccess = (id: string) => /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-house-access$/.exec(id)?.[1];

export function houseAccessLocation(clientId: string, keySafe: { location: string | null; code: string | null }): Resource {
  return {
    resourceType: 'Location',
    id: houseAccessId(clientId),
    status: 'active',
    // Where the key safe is and its code, in the words the home organisation wrote them.
    description: [keySafe.location, keySafe.code].filter((part): part is string => Boolean(part)).join(': '),
  };
}
