import { allowedHosts } from './store.js';
import type { Db } from '../../../platform/db/index.js';
import { resolvesPrivate } from './address-guard.js';

/** The server's limits on the import (FhirImportOptions), with production's defaults. */
export interface ImportLimits {
  /** FHIR_IMPORT_ALLOW_PRIVATE: private, loopback and link-local addresses may be reached (tests, closed networks). */
  allowPrivate: boolean;
  maxResponseBytes: number;
  requestTimeoutMs: number;
  runTimeoutMs: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  allowPrivate: false,
  // A page of 100 Patients with their Flags, allergies, consents and contacts is well under a megabyte.
  maxResponseBytes: 20 * 1024 * 1024,
  requestTimeoutMs: 20_000,
  // Shorter than the source's lease (store.ts), so a run never outlives its claim.
  runTimeoutMs: 10 * 60_000,
};

/** Why an endpoint is refused before anything is sent to it; undefined when it may be used. */
export type EndpointRefusal = { code: 'host_not_allowed' | 'private_address'; host: string };

/** The endpoint's host must be on the alliance's list, and (unless the server allows it) resolve to public addresses only. */
export async function endpointRefusal(db: Db, allianceId: string, url: string, limits: ImportLimits): Promise<EndpointRefusal | undefined> {
  const host = new URL(url).hostname.toLowerCase();
  if (!(await allowedHosts(db, allianceId)).includes(host)) return { code: 'host_not_allowed', host };
  if (!limits.allowPrivate && (await resolvesPrivate(host))) return { code: 'private_address', host };
  return undefined;
}

/** The report's and the administrator's wording of a refusal (English, as the run reports' other messages). */
export const refusalMessage = (refusal: EndpointRefusal) =>
  refusal.code === 'host_not_allowed'
    ? `${refusal.host} is not on the alliance's list of hosts the FHIR import may use; an alliance administrator can add it`
    : `${refusal.host} resolves to a private, loopback or link-local address, which the FHIR import may not reach`;
