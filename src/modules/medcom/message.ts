/**
 * The slice of a MedCom message Bundle this module reads and writes (FHIR R4). Full generated types
 * would be a dependency for a handful of shapes; validate.ts checks every Bundle against the R4 base
 * definitions and the vendored profiles' rules instead.
 */
export interface Resource {
  resourceType: string;
  id?: string;
  meta?: { profile?: string[] };
  [element: string]: unknown;
}

export interface Entry {
  fullUrl?: string;
  resource?: Resource;
}

export interface MessageBundle extends Resource {
  resourceType: 'Bundle';
  type?: string;
  timestamp?: string;
  entry?: Entry[];
}

/** MedCom's naming systems and code systems (MedCom messaging and core IGs). */
export const MEDCOM = {
  sor: 'urn:oid:1.2.208.176.1.1',
  cpr: 'urn:oid:1.2.208.176.1.2',
  gln: 'https://www.gs1.org/gln',
  sorEndpoint: (sor: string) => `https://sor2.sum.dsdn.dk/#id=${sor}`,
  eventCodes: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes',
  activityCodes: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes',
  destinationUse: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse',
  destinationUseExtension: 'http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension',
  careCommunicationCategories: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes',
} as const;

/** The message kinds by MessageHeader.eventCoding, each with its profile canonical (the vendored IGs). */
export const messageEvents = {
  'hospital-notification-message': { kind: 'hospital_notification', profile: 'http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-message' },
  'care-communication-message': { kind: 'care_communication', profile: 'http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message' },
  'acknowledgement-message': { kind: 'acknowledgement', profile: 'http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgement' },
} as const;
export type MessageEvent = keyof typeof messageEvents;
export type MessageKind = (typeof messageEvents)[MessageEvent]['kind'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const obj = (value: unknown): Record<string, unknown> => (isObject(value) ? value : {});

/** A parsed message: the Bundle and lookups over its entries. */
export class Message {
  readonly resources: Resource[];

  constructor(readonly bundle: MessageBundle) {
    this.resources = asArray(bundle.entry).map((e) => obj(e).resource).filter((r): r is Resource => isObject(r) && typeof r.resourceType === 'string');
  }

  /** Reads a Bundle from any JSON, or undefined when it is no message Bundle at all. */
  static from(json: unknown): Message | undefined {
    if (!isObject(json) || json.resourceType !== 'Bundle') return undefined;
    return new Message(json as MessageBundle);
  }

  get header(): Resource | undefined {
    return this.resources[0]?.resourceType === 'MessageHeader' ? this.resources[0] : undefined;
  }

  get event(): string | undefined {
    return str(obj(this.header?.eventCoding).code);
  }

  get kind(): MessageKind | undefined {
    const event = this.event;
    return event && event in messageEvents ? messageEvents[event as MessageEvent].kind : undefined;
  }

  ofType(type: string): Resource[] {
    return this.resources.filter((r) => r.resourceType === type);
  }

  /** The resource a reference names (`Type/id`, or a full URL ending in it), inside this Bundle. */
  resolve(reference: unknown): Resource | undefined {
    const ref = str(obj(reference).reference);
    if (!ref) return undefined;
    return this.resources.find((r) => r.id !== undefined && (ref === `${r.resourceType}/${r.id}` || ref.endsWith(`/${r.resourceType}/${r.id}`)));
  }

  get sender(): Resource | undefined {
    return this.resolve(this.header?.sender);
  }

  get primaryDestination(): Record<string, unknown> | undefined {
    return asArray(this.header?.destination).map(obj).find((d) => asArray(d.extension).some((x) => str(obj(obj(x).valueCoding).code) === 'primary'));
  }

  get receiver(): Resource | undefined {
    return this.resolve(this.primaryDestination?.receiver);
  }

  /** The Provenance entries that describe this message's own header (not earlier messages'). */
  get ownProvenance(): Resource[] {
    const id = this.header?.id;
    return this.ofType('Provenance').filter((p) => asArray(p.target).some((t) => (str(obj(t).reference) ?? '').endsWith(`MessageHeader/${id}`)));
  }

  /** The activity of this message (admit-inpatient, new-message, ...): its own Provenance's code. */
  get activity(): string | undefined {
    const [first] = this.ownProvenance;
    return str(obj(asArray(obj(first?.activity).coding)[0]).code);
  }

  get patient(): Resource | undefined {
    return this.ofType('Patient')[0];
  }

  /** The CPR number the Patient carries (DDMMYYSSSS), if it has one (not a replacement number). */
  get cpr(): string | undefined {
    return identifierOf(this.patient, MEDCOM.cpr);
  }
}

export const identifierOf = (resource: Resource | undefined, system: string): string | undefined =>
  str(asArray(resource?.identifier).map(obj).find((i) => i.system === system)?.value);

export const sorOf = (organisation: Resource | undefined) => identifierOf(organisation, MEDCOM.sor);
