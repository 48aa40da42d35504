import type { Identification, NightSummaryView } from '../../clients/index.js';
import { ref, SYSTEM, type Resource } from '../../fhir/index.js';
import { ZIB } from './profiles.js';

/**
 * Our client as an STU3 nl-core-patient: who they are and where they live, for the client list
 * (identification only) and for the nurse under a grant (with phone, GP and contacts).
 */
export function anwPatientOfIdentification(c: Identification): Resource {
  return {
    resourceType: 'Patient',
    id: c.id,
    meta: { profile: [ZIB.patient] },
    identifier: [{ system: SYSTEM.client, value: c.id }],
    name: [{ use: 'official', family: c.familyName, given: [c.givenName] }],
    birthDate: c.dateOfBirth,
    address: [{ use: 'home', line: [`${c.street} ${c.houseNumber}`], postalCode: c.postcode, city: c.city, country: 'NL' }],
    managingOrganization: ref('Organization', c.organisationId, c.organisationName),
  };
}

export function anwPatientOfNightSummary(c: NightSummaryView): Resource {
  return {
    ...anwPatientOfIdentification(c),
    ...(c.phone ? { telecom: [{ system: 'phone', value: c.phone, use: 'home' }] } : {}),
    // The GP is a name in our record, not a Practitioner we hold: a display-only reference says so.
    ...(c.gpName ? { generalPractitioner: [{ display: c.gpPhone ? `${c.gpName} (${c.gpPhone})` : c.gpName }] } : {}),
    ...(c.contacts.length
      ? { contact: c.contacts.map((k) => ({ relationship: [{ text: k.relation }], name: { text: k.name }, ...(k.phone ? { telecom: [{ system: 'phone', value: k.phone }] } : {}) })) }
      : {}),
  };
}

/** An employee of the ANW list (nl-core-practitioner): who may be named in a Task's restriction.recipient. */
export function anwPractitioner(staff: { id: string; name: string }): Resource {
  return {
    resourceType: 'Practitioner',
    id: staff.id,
    meta: { profile: [ZIB.practitioner] },
    identifier: [{ system: SYSTEM.staff, value: staff.id }],
    active: true,
    name: [{ text: staff.name }],
  };
}

/** Each night risk is one zib-Alert Flag (STU3: status, code and subject are required). */
export function anwAlerts(c: NightSummaryView): Resource[] {
  return c.nightSummary.risks.map((risk) => ({
    resourceType: 'Flag',
    id: `${c.id}-${risk.replaceAll('_', '-')}`,
    meta: { profile: [ZIB.alert] },
    status: 'active',
    code: { coding: [{ system: SYSTEM.risk, code: risk }], text: risk.replaceAll('_', ' ') },
    subject: ref('Patient', c.id),
  }));
}

/**
 * The allergies are one free text in our record, so one AllergyIntolerance without a code; STU3 makes
 * verificationStatus required, and a text nobody coded is `unconfirmed`.
 */
export function anwAllergies(c: NightSummaryView): Resource[] {
  const text = c.nightSummary.allergies.trim();
  if (!text) return [];
  return [
    {
      resourceType: 'AllergyIntolerance',
      id: `${c.id}-allergies`,
      meta: { profile: [ZIB.allergyIntolerance] },
      clinicalStatus: 'active',
      verificationStatus: 'unconfirmed',
      code: { text },
      patient: ref('Patient', c.id),
    },
  ];
}

/**
 * The client's written wishes as one zib-AdvanceDirective Consent. STU3 requires a policy (ppc-1): the
 * WGBO (Civil Code book 7), under which a written refusal of treatment binds the care giver. The text
 * goes in the zib's Comment extension, as nothing in our record codes it.
 */
export function anwAdvanceDirectives(c: NightSummaryView): Resource[] {
  const text = c.nightSummary.wishes.trim();
  if (!text) return [];
  return [
    {
      resourceType: 'Consent',
      id: `${c.id}-wishes`,
      meta: { profile: [ZIB.advanceDirective] },
      extension: [{ url: 'http://nictiz.nl/fhir/StructureDefinition/Comment', valueString: text }],
      status: 'active',
      category: [{ coding: [{ system: 'http://snomed.info/sct', code: '11291000146105', display: 'Treatment instructions' }] }],
      patient: ref('Patient', c.id),
      policyRule: 'https://wetten.overheid.nl/BWBR0005290',
    },
  ];
}
