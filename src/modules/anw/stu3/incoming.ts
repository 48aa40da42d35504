import type { Resource } from '../../fhir/index.js';

/** The night summary as read through from the client's own source: what the nurse needs at the door. */
export interface SourceSummary {
  name: string;
  birthDate: string | null;
  address: string | null;
  phone: string | null;
  generalPractitioner: string | null;
  alerts: string[];
  allergies: string[];
  wishes: string[];
  reports: { at: string | null; text: string }[];
}

type Json = Record<string, unknown>;
const entries = (bundle: unknown): Json[] =>
  ((bundle as { entry?: { resource?: Json }[] } | undefined)?.entry ?? []).map((e) => e.resource).filter((r): r is Json => typeof r === 'object' && r !== null);
const textOf = (concept: unknown): string | undefined => {
  const c = concept as { text?: string; coding?: { display?: string; code?: string }[] } | undefined;
  return c?.text ?? c?.coding?.[0]?.display ?? c?.coding?.[0]?.code;
};
const present = (values: (string | undefined)[]) => values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');

/** Reads the source's answers to the fixed queries (STU3 Bundles) into one summary. Pure; tolerant of what a source leaves out. */
export function summaryFromSource(bundles: { patient: unknown; alerts: unknown; allergies: unknown; wishes: unknown; reports: unknown }): SourceSummary {
  const patient = entries(bundles.patient).find((r) => r.resourceType === 'Patient') as Resource | undefined;
  const name = (patient?.name as { text?: string; family?: string; given?: string[] }[] | undefined)?.[0];
  const address = (patient?.address as { line?: string[]; postalCode?: string; city?: string }[] | undefined)?.[0];
  const phone = (patient?.telecom as { system?: string; value?: string }[] | undefined)?.find((t) => t.system === 'phone')?.value;
  const gp = (patient?.generalPractitioner as { display?: string }[] | undefined)?.[0]?.display;
  return {
    name: name?.text ?? present([...(name?.given ?? []), name?.family]).join(' '),
    birthDate: typeof patient?.birthDate === 'string' ? patient.birthDate : null,
    address: address ? present([address.line?.join(' '), address.postalCode, address.city]).join(', ') : null,
    phone: phone ?? null,
    generalPractitioner: gp ?? null,
    alerts: present(entries(bundles.alerts).map((r) => textOf(r.code))),
    allergies: present(entries(bundles.allergies).map((r) => textOf(r.code))),
    wishes: present(entries(bundles.wishes).flatMap((r) => [...((r.extension as { valueString?: string }[] | undefined) ?? []).map((e) => e.valueString)])),
    reports: entries(bundles.reports)
      .map((r) => ({ at: typeof r.effectiveDateTime === 'string' ? r.effectiveDateTime : null, text: typeof r.valueString === 'string' ? r.valueString : '' }))
      .filter((r) => r.text !== ''),
  };
}
