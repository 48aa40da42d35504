/**
 * The profile URLs, codes and identifier systems the ANW guide names (STU3, Nictiz zib2017). The guide's
 * query list picks resources by `_profile`, so these strings are the contract itself.
 */
export const ZIB = {
  bloodPressure: 'http://nictiz.nl/fhir/StructureDefinition/zib-BloodPressure',
  pulseRate: 'http://nictiz.nl/fhir/StructureDefinition/zib-PulseRate',
  bodyTemperature: 'http://nictiz.nl/fhir/StructureDefinition/zib-BodyTemperature',
  bodyHeight: 'http://nictiz.nl/fhir/StructureDefinition/zib-BodyHeight',
  bodyWeight: 'http://nictiz.nl/fhir/StructureDefinition/zib-BodyWeight',
  respiration: 'http://nictiz.nl/fhir/StructureDefinition/zib-Respiration',
  livingSituation: 'http://nictiz.nl/fhir/StructureDefinition/zib-LivingSituation',
  alert: 'http://nictiz.nl/fhir/StructureDefinition/zib-Alert',
  advanceDirective: 'http://nictiz.nl/fhir/StructureDefinition/zib-AdvanceDirective',
  allergyIntolerance: 'http://nictiz.nl/fhir/StructureDefinition/zib-AllergyIntolerance',
  /** The guide names it but publishes no definition (see the standards README); its shape comes from the guide's text. */
  nursingReport: 'https://nuts.nl/fhir/StructureDefinition/nl-core-nursingreport',
  patient: 'http://fhir.nl/fhir/StructureDefinition/nl-core-patient',
  practitioner: 'http://fhir.nl/fhir/StructureDefinition/nl-core-practitioner',
  authorizationRequest: 'https://nuts.nl/fhir/StructureDefinition/nl-core-authorization-request',
} as const;

/** The guide's versioning section: a server lists the role statements it implements in `instantiates`. */
export const BRONHOUDER_CAPABILITY = 'https://nuts-foundation.github.io/nl-anw-ig/CapabilityStatement-ANWBronhouderCapabilityStatement-v1.1.0.json';

/** Task.code of the two requests a Bronhouder answers. */
export const TASK_CODE = { authorization: 'ANW-autorisatie-verzoek', breakTheGlass: 'BTG-autorisatie-verzoek' } as const;

/** Nuts names organisations by DID under this identifier system (the guide's Task examples). */
export const NUTS_SYSTEM = 'http://nuts.nl';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
/** STU3's observation-category system (R4 moved it under terminology.hl7.org). */
export const OBSERVATION_CATEGORY = 'http://hl7.org/fhir/observation-category';
