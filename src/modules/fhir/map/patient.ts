import type { Identification, NightSummaryView } from '../../clients/index.js';
import { instant, ref, SYSTEM, type Resource } from '../resource.js';

/** `Hoofdstraat 12` in one line, and the parts as the Dutch address profiles split them. */
const address = (c: Identification) => ({
  use: 'home',
  line: [`${c.street} ${c.houseNumber}`],
  postalCode: c.postcode,
  city: c.city,
});

/** What identifies a client: our id always, the alarm account when the caller may see it. */
const identifiers = (c: Identification) => [
  { system: SYSTEM.client, value: c.id },
  ...(c.alarmAccount ? [{ system: SYSTEM.alarmAccount, value: c.alarmAccount }] : []),
];

/** Identification only: what a search shows, the same fields as the REST search answer. */
export function patientFromIdentification(c: Identification): Resource {
  return {
    resourceType: 'Patient',
    id: c.id,
    meta: { lastUpdated: instant(c.updatedAt) },
    identifier: identifiers(c),
    active: true,
    name: [{ use: 'official', family: c.familyName, given: [c.givenName], text: `${c.givenName} ${c.familyName}` }],
    birthDate: c.dateOfBirth,
    address: [address(c)],
    managingOrganization: ref('Organization', c.organisationId, c.organisationName),
  };
}

/** The night summary's person: identification with phone, contacts and the GP (risks and allergies are Flags and AllergyIntolerances). */
export function patientFromNightSummary(c: NightSummaryView): Resource {
  const base = patientFromIdentification(c);
  return {
    ...base,
    ...(c.phone ? { telecom: [{ system: 'phone', value: c.phone, use: 'home' }] } : {}),
    address: [{ ...address(c), ...(c.latitude !== null && c.longitude !== null ? { extension: [geolocation(c.latitude, c.longitude)] } : {}) }],
    ...(c.contacts.length
      ? {
          contact: c.contacts.map((contact) => ({
            relationship: [{ text: contact.relation }],
            name: { text: contact.name },
            telecom: [{ system: 'phone', value: contact.phone }],
          })),
        }
      : {}),
    ...(c.gpName ? { generalPractitioner: [{ display: c.gpName }] } : {}),
  };
}

/** The core extension for a point on the map (http://hl7.org/fhir/StructureDefinition/geolocation). */
const geolocation = (latitude: number, longitude: number) => ({
  url: 'http://hl7.org/fhir/StructureDefinition/geolocation',
  extension: [
    { url: 'latitude', valueDecimal: latitude },
    { url: 'longitude', valueDecimal: longitude },
  ],
});
