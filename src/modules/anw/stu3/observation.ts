import { instant, ref, type Resource } from '../../fhir/index.js';
import type { AnwObservationKind } from '../tables.js';
import { LOINC, OBSERVATION_CATEGORY, UCUM, ZIB } from './profiles.js';

/** A written-back observation as we keep it. */
export interface StoredObservation {
  id: string;
  clientId: string;
  kind: AnwObservationKind;
  text: string | null;
  value: Record<string, number | string>;
  effectiveAt: Date;
  writtenBy: { id: string; name: string };
}

/** Per kind: the profile the guide names, the LOINC code the zib fixes, and the unit of its quantity. */
const KINDS: Record<AnwObservationKind, { profile: string; code: string; display: string; unit?: { code: string; unit: string } }> = {
  // The nursing-report profile was never published (standards README); LOINC "Nurse Note" says what it is.
  nursing_report: { profile: ZIB.nursingReport, code: '34746-8', display: 'Nurse Note' },
  blood_pressure: { profile: ZIB.bloodPressure, code: '85354-9', display: 'Blood pressure panel' },
  body_temperature: { profile: ZIB.bodyTemperature, code: '8310-5', display: 'Body temperature', unit: { code: 'Cel', unit: '°C' } },
  body_height: { profile: ZIB.bodyHeight, code: '8302-2', display: 'Body height', unit: { code: 'cm', unit: 'cm' } },
};
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';
const MM_HG = { unit: 'mmHg', system: UCUM, code: 'mm[Hg]' };

export const profileOfKind = (kind: AnwObservationKind) => KINDS[kind].profile;

/** Our stored observation as the STU3 resource of its profile. */
export function anwObservation(o: StoredObservation): Resource {
  const kind = KINDS[o.kind];
  const quantity = (value: number, unit: { code: string; unit: string }) => ({ value, unit: unit.unit, system: UCUM, code: unit.code });
  const value =
    o.kind === 'nursing_report'
      ? { valueString: o.text ?? '' }
      : o.kind === 'blood_pressure'
        ? {
            component: [
              { code: { coding: [{ system: LOINC, code: SYSTOLIC, display: 'Systolic blood pressure' }] }, valueQuantity: { value: Number(o.value.systolic), ...MM_HG } },
              { code: { coding: [{ system: LOINC, code: DIASTOLIC, display: 'Diastolic blood pressure' }] }, valueQuantity: { value: Number(o.value.diastolic), ...MM_HG } },
            ],
          }
        : kind.unit
          ? { valueQuantity: quantity(Number(o.value.value), kind.unit) }
          : {};
  return {
    resourceType: 'Observation',
    id: o.id,
    meta: { profile: [kind.profile] },
    status: 'final',
    ...(o.kind === 'nursing_report' ? {} : { category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs' }] }] }),
    code: { coding: [{ system: LOINC, code: kind.code, display: kind.display }] },
    subject: ref('Patient', o.clientId),
    effectiveDateTime: instant(o.effectiveAt),
    performer: [ref('Practitioner', o.writtenBy.id, o.writtenBy.name)],
    ...value,
    ...(o.text && o.kind !== 'nursing_report' ? { comment: o.text } : {}),
  };
}

/** What a posted Observation asks us to keep. */
export interface ObservationToWrite {
  clientId: string;
  kind: AnwObservationKind;
  text: string | null;
  value: Record<string, number>;
  effectiveAt: Date;
}

export type ParsedObservation = { ok: true; observation: ObservationToWrite } | { ok: false; issues: { path: string; message: string }[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The kind a posted Observation is: by its declared profile, else by its LOINC code. */
function kindOf(resource: Json): AnwObservationKind | undefined {
  const profiles = arrayOf(isObject(resource.meta) ? resource.meta.profile : undefined);
  const codes = arrayOf(isObject(resource.code) ? resource.code.coding : undefined).filter(isObject);
  const kinds = Object.entries(KINDS) as [AnwObservationKind, (typeof KINDS)[AnwObservationKind]][];
  return (
    kinds.find(([, k]) => profiles.includes(k.profile))?.[0] ??
    kinds.find(([, k]) => codes.some((c) => c.system === LOINC && c.code === k.code))?.[0]
  );
}

/** A quantity in the unit the zib requires (UCUM code), or undefined. */
function quantityIn(v: unknown, unitCode: string): number | undefined {
  if (!isObject(v) || typeof v.value !== 'number' || !Number.isFinite(v.value)) return undefined;
  return v.code === unitCode || v.unit === unitCode ? v.value : undefined;
}

/** The measured values of a kind, or an issue saying what is missing. */
function valuesOf(kind: AnwObservationKind, r: Json): Record<string, number> | { path: string; message: string } {
  if (kind === 'nursing_report') return {};
  if (kind === 'blood_pressure') {
    const part = (code: string) => arrayOf(r.component).filter(isObject).find((c) => arrayOf(isObject(c.code) ? c.code.coding : undefined).some((k) => isObject(k) && k.code === code));
    const systolic = quantityIn(part(SYSTOLIC)?.valueQuantity, 'mm[Hg]');
    const diastolic = quantityIn(part(DIASTOLIC)?.valueQuantity, 'mm[Hg]');
    if (systolic === undefined || diastolic === undefined || systolic < 20 || systolic > 300 || diastolic < 10 || diastolic > 250) {
      return { path: 'Observation.component', message: `A blood pressure has a systolic (${SYSTOLIC}) and a diastolic (${DIASTOLIC}) component in mm[Hg]` };
    }
    return { systolic, diastolic };
  }
  const unit = KINDS[kind].unit?.code ?? '';
  const value = quantityIn(r.valueQuantity, unit);
  const range = kind === 'body_temperature' ? [25, 45] : [30, 250];
  if (value === undefined || value < (range[0] ?? 0) || value > (range[1] ?? 0)) return { path: 'Observation.valueQuantity', message: `The value is a quantity in ${unit} between ${range[0]} and ${range[1]}` };
  return { value };
}

/**
 * Reads a posted nursing report or measurement (STU3). Pure. What it refuses it names, so the sending
 * system can show its nurse what to correct (the guide's "Foutafhandeling": an OperationOutcome).
 */
export function parseObservation(body: unknown): ParsedObservation {
  if (!isObject(body) || body.resourceType !== 'Observation') return { ok: false, issues: [{ path: 'resourceType', message: 'The body is an Observation' }] };
  const kind = kindOf(body);
  if (!kind) return { ok: false, issues: [{ path: 'Observation.meta.profile', message: 'Only a nursing report, blood pressure, body temperature or body height is accepted' }] };
  const issues: { path: string; message: string }[] = [];
  const subject = isObject(body.subject) && typeof body.subject.reference === 'string' ? body.subject.reference.replace(/^Patient\//, '') : '';
  if (!UUID.test(subject)) issues.push({ path: 'Observation.subject', message: 'The subject is Patient/<id>' });
  if (!['final', 'amended', 'preliminary'].includes(String(body.status))) issues.push({ path: 'Observation.status', message: 'The status is final, amended or preliminary' });
  const effective = typeof body.effectiveDateTime === 'string' ? new Date(body.effectiveDateTime) : undefined;
  if (!effective || Number.isNaN(effective.getTime()) || effective.getTime() > Date.now() + 5 * 60_000) issues.push({ path: 'Observation.effectiveDateTime', message: 'A date-time, not in the future' });
  const text = kind === 'nursing_report' ? body.valueString : body.comment;
  if (kind === 'nursing_report' && (typeof text !== 'string' || text.trim() === '')) issues.push({ path: 'Observation.valueString', message: 'A nursing report has its text in valueString' });
  if (typeof text === 'string' && text.length > 8000) issues.push({ path: 'Observation.valueString', message: 'At most 8000 characters' });
  const values = valuesOf(kind, body);
  if ('path' in values) issues.push(values as { path: string; message: string });
  if (issues.length > 0 || !effective) return { ok: false, issues };
  return { ok: true, observation: { clientId: subject, kind, text: typeof text === 'string' ? text.trim() : null, value: values as Record<string, number>, effectiveAt: effective } };
}
