import { ref, SYSTEM, type Resource } from '../resource.js';

/** Our organisation kinds on the R4 organization-type codes where one fits, with our own code beside it. */
const R4_TYPE: Record<string, string> = { care_provider: 'prov', gp_post: 'prov', hospital: 'prov', municipality: 'govt', insurer: 'ins', welfare: 'cg', alarm_centre: 'other' };

export function organizationOf(o: { id: string; name: string; kind: string; city: string | null }): Resource {
  return {
    resourceType: 'Organization',
    id: o.id,
    identifier: [{ system: SYSTEM.organisation, value: o.id }],
    active: true,
    type: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: R4_TYPE[o.kind] ?? 'other' },
          { system: SYSTEM.organisationKind, code: o.kind },
        ],
      },
    ],
    name: o.name,
    ...(o.city ? { address: [{ city: o.city }] } : {}),
  };
}

export function practitionerOf(s: { id: string; name: string }): Resource {
  return { resourceType: 'Practitioner', id: s.id, identifier: [{ system: SYSTEM.staff, value: s.id }], active: true, name: [{ text: s.name }] };
}

/**
 * The staff member's roles in the caller's organisation. Its id is the staff member's: the directory is
 * per organisation (as the REST staff list is), and two uuids would not fit FHIR's 64-character id.
 */
export function practitionerRoleOf(s: { id: string; name: string; roles: string[] }, organisationId: string): Resource {
  return {
    resourceType: 'PractitionerRole',
    id: s.id,
    active: true,
    practitioner: ref('Practitioner', s.id, s.name),
    organization: ref('Organization', organisationId),
    code: s.roles.map((role) => ({ coding: [{ system: SYSTEM.role, code: role }] })),
  };
}

/** A respite location: a place with beds, run by one organisation, with its address and point on the map. */
export function locationOf(l: { id: string; organisationId: string; name: string; offerType: string; description: string; street: string; city: string; municipality: string; latitude: number; longitude: number }): Resource {
  return {
    resourceType: 'Location',
    id: l.id,
    status: 'active',
    name: l.name,
    ...(l.description ? { description: l.description } : {}),
    mode: 'instance',
    type: [{ coding: [{ system: SYSTEM.offerType, code: l.offerType }] }],
    address: { line: [l.street], city: l.city, district: l.municipality },
    position: { latitude: l.latitude, longitude: l.longitude },
    managingOrganization: ref('Organization', l.organisationId),
  };
}
