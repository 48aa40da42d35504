import { nightRisks } from '../../clients/index.js';
import { SYSTEM, type Resource } from '../resource.js';

/**
 * A partner's Patient and the night summary's resources about it, read back into our client shape: the
 * inverse of what map/patient.ts and map/night-summary.ts write, plus what partner systems say in the
 * core R4 elements. Pure; what it yields is checked by the clients module's own client schema, so a
 * Patient missing what a client needs (a municipality, a house number) is refused there, never guessed.
 */

/** The house-access Location of the Nuts ANW guide ("woningtoegang", its description says how to get in), linked from the Patient. */
export const HOUSE_ACCESS_EXTENSION = 'https://samenzorg.nl/fhir/StructureDefinition/house-access';
/** The key-safe code on that Location, where a source keeps it. */
export const KEY_SAFE_CODE_EXTENSION = 'https://samenzorg.nl/fhir/StructureDefinition/key-safe-code';
/** nl-core's comment extension, which the zib AdvanceDirective (Wilsverklaring) uses for the wish in words. */
const NL_CORE_COMMENT = 'http://nictiz.nl/fhir/StructureDefinition/Comment';
const GEOLOCATION = 'http://hl7.org/fhir/StructureDefinition/geolocation';
const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';

interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
interface Concept {
  coding?: Coding[];
  text?: string;
}
interface Extension {
  url: string;
  valueString?: string;
  valueDecimal?: number;
  valueReference?: { reference?: string };
  extension?: Extension[];
}
interface HumanName {
  use?: string;
  text?: string;
  family?: string;
  given?: string[];
}
interface ContactPoint {
  system?: string;
  value?: string;
  use?: string;
}
interface Address {
  use?: string;
  line?: string[];
  postalCode?: string;
  city?: string;
  district?: string;
  extension?: Extension[];
}

/** What the sync knows about the source beside its resources. */
export interface SourceSettings {
  clientNumberSystem: string;
  /** The organisation's own system holds its district-nursing clients: every synced client receives it. */
  districtNursing: boolean;
}

/** A Patient and the resources that name it. */
export interface PatientGroup {
  patient: Resource;
  related: Resource[];
  houseAccess?: Resource;
}

const field = <T>(resource: Resource, name: string) => resource[name] as T | undefined;
const conceptText = (c: Concept | undefined) => c?.text ?? c?.coding?.find((x) => x.display)?.display ?? c?.coding?.[0]?.code;
/** An absolute or relative reference as `Type/id`. */
export const relativeReference = (reference: string | undefined) => reference?.split('/').slice(-2).join('/');

const preferred = <T extends { use?: string }>(items: T[] | undefined, uses: string[]): T | undefined =>
  uses.map((use) => items?.find((i) => i.use === use)).find(Boolean) ?? items?.find((i) => i.use !== 'old');

const phoneOf = (telecom: ContactPoint[] | undefined) => preferred(telecom?.filter((t) => t.system === 'phone'), ['home', 'mobile'])?.value;

function personName(name: HumanName | undefined): string {
  return name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
}

/** `Hoofdstraat 12 a` into the street and the house number (number, letter, addition). */
function splitLine(line: string | undefined): { street: string; houseNumber: string } {
  const match = /^(.*\D)\s+(\d.*)$/.exec(line?.trim() ?? '');
  return match ? { street: match[1]?.trim() ?? '', houseNumber: match[2]?.trim() ?? '' } : { street: line?.trim() ?? '', houseNumber: '' };
}

function coordinates(address: Address | undefined) {
  const geo = address?.extension?.find((e) => e.url === GEOLOCATION)?.extension;
  const latitude = geo?.find((e) => e.url === 'latitude')?.valueDecimal;
  const longitude = geo?.find((e) => e.url === 'longitude')?.valueDecimal;
  return latitude !== undefined && longitude !== undefined ? { latitude, longitude } : {};
}

/** The identifier value in one system. */
export const identifierIn = (patient: Resource, system: string) => field<{ system?: string; value?: string }[]>(patient, 'identifier')?.find((i) => i.system === system)?.value;

const isOfType = (type: string) => (r: Resource) => r.resourceType === type;
const active = (r: Resource) => field<string>(r, 'status') === undefined || field<string>(r, 'status') === 'active';

/** Risks: the active Flags coded in our night-risk system; a source's own flag codes are not ours to translate. */
function risksOf(related: Resource[]): string[] {
  const known = new Set<string>(nightRisks);
  const codes = related
    .filter(isOfType('Flag'))
    .filter(active)
    .flatMap((f) => field<Concept>(f, 'code')?.coding ?? [])
    .filter((c) => c.system === SYSTEM.risk && c.code && known.has(c.code))
    .map((c) => c.code ?? '');
  return [...new Set(codes)];
}

/** Allergies as the one free text we keep: each current AllergyIntolerance's words. */
function allergiesOf(related: Resource[]): string {
  const current = (r: Resource) =>
    !['inactive', 'resolved'].includes(field<Concept>(r, 'clinicalStatus')?.coding?.[0]?.code ?? '') &&
    !['entered-in-error', 'refuted'].includes(field<Concept>(r, 'verificationStatus')?.coding?.[0]?.code ?? '');
  return related.filter(isOfType('AllergyIntolerance')).filter(current).map((r) => conceptText(field<Concept>(r, 'code'))).filter(Boolean).join(', ');
}

/** Wishes: each active advance directive (Consent of scope `adr`) in words: its comment, else what it names. */
function wishesOf(related: Resource[]): string {
  const directives = related.filter(isOfType('Consent')).filter(active).filter((c) => field<Concept>(c, 'scope')?.coding?.some((x) => x.system === CONSENT_SCOPE && x.code === 'adr'));
  return directives
    .map((c) => field<Extension[]>(c, 'extension')?.find((e) => e.url === NL_CORE_COMMENT)?.valueString ?? conceptText(field<Concept[]>(c, 'category')?.[0]))
    .filter(Boolean)
    .join('\n');
}

interface ContactOut {
  name: string;
  relation: string;
  phone: string;
}

/** The Patient's own contacts and its RelatedPersons, each once. */
function contactsOf(patient: Resource, related: Resource[]): ContactOut[] {
  const own = (field<{ name?: HumanName; relationship?: Concept[]; telecom?: ContactPoint[] }[]>(patient, 'contact') ?? []).map((c) => ({
    name: personName(c.name),
    relation: conceptText(c.relationship?.[0]) ?? '',
    phone: phoneOf(c.telecom) ?? '',
  }));
  const persons = related
    .filter(isOfType('RelatedPerson'))
    .filter((r) => field<boolean>(r, 'active') !== false)
    .map((r) => ({ name: personName(preferred(field<HumanName[]>(r, 'name'), ['official', 'usual'])), relation: conceptText(field<Concept[]>(r, 'relationship')?.[0]) ?? '', phone: phoneOf(field<ContactPoint[]>(r, 'telecom')) ?? '' }));
  const seen = new Set<string>();
  return [...own, ...persons].filter((c) => {
    const key = `${c.name}|${c.phone}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

/** The key safe from the house-access Location: where (its description, on one line) and, where the source keeps it, the code. */
function keySafeOf(location: Resource | undefined) {
  const description = field<string>(location ?? { resourceType: '', id: '' }, 'description')?.replace(/\s+/g, ' ').trim();
  const code = field<Extension[]>(location ?? { resourceType: '', id: '' }, 'extension')?.find((e) => e.url === KEY_SAFE_CODE_EXTENSION)?.valueString;
  return { ...(description ? { keySafeLocation: description } : {}), ...(code ? { keySafeCode: code } : {}) };
}

/** The Location a Patient names as its house access, as `Location/<id>`. */
export const houseAccessReference = (patient: Resource) =>
  relativeReference(field<Extension[]>(patient, 'extension')?.find((e) => e.url === HOUSE_ACCESS_EXTENSION)?.valueReference?.reference);

/** The client input (for the clients module's schema) a Patient and its resources state. */
export function clientInputOf(group: PatientGroup, settings: SourceSettings): Record<string, unknown> {
  const { patient, related } = group;
  const name = preferred(field<HumanName[]>(patient, 'name'), ['official', 'usual']);
  const address = preferred(field<Address[]>(patient, 'address'), ['home']);
  const alarmAccount = identifierIn(patient, SYSTEM.alarmAccount);
  const gp = field<{ display?: string }[]>(patient, 'generalPractitioner')?.[0]?.display;
  const phone = phoneOf(field<ContactPoint[]>(patient, 'telecom'));
  return {
    clientNumber: identifierIn(patient, settings.clientNumberSystem),
    givenName: name?.given?.join(' ') ?? '',
    familyName: name?.family ?? '',
    dateOfBirth: field<string>(patient, 'birthDate') ?? '',
    ...splitLine(address?.line?.[0]),
    postcode: address?.postalCode ?? '',
    city: address?.city ?? '',
    // nl-core puts the municipality (gemeente) in Address.district.
    municipality: address?.district ?? '',
    ...coordinates(address),
    ...(phone ? { phone } : {}),
    districtNursing: settings.districtNursing,
    personalAlarm: !!alarmAccount,
    ...(alarmAccount ? { alarmAccount } : {}),
    ...(gp ? { gpName: gp } : {}),
    ...keySafeOf(group.houseAccess),
    nightSummary: { risks: risksOf(related), allergies: allergiesOf(related), wishes: wishesOf(related) },
    contacts: contactsOf(patient, related),
  };
}

/** The Patient a resource of the night summary is about. */
export function subjectOf(resource: Resource): string | undefined {
  const reference = field<{ reference?: string }>(resource, resource.resourceType === 'Flag' ? 'subject' : 'patient')?.reference;
  return relativeReference(reference);
}
