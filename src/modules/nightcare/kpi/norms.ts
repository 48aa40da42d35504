/**
 * The alliance's response norms: minutes from alarm to nurse on site per urgency, each with its source.
 * No national norm exists for a night team: the NTS urgencies only say U2 "within 1 hour", so the
 * defaults (15/30/60/120 minutes) are the product's own choice and labelled so until the alliance sets its own.
 */
import { z } from 'zod';
import type { Executor } from '../../../platform/db/index.js';
import { RESPONSE_MINUTES, urgencies, type Urgency } from '../incidents/triage.js';

export const normSources = ['product_choice', 'nts', 'alliance_agreement'] as const;
export type NormSource = (typeof normSources)[number];

export const responseNorm = z.object({
  minutes: z.number().int().min(1).max(24 * 60).nullable().describe('Null: handled by phone, no visit norm'),
  source: z.enum(normSources).describe('product_choice: our default, no external source; nts: the Dutch triage standard; alliance_agreement: agreed by the partners'),
});
export type ResponseNorm = z.infer<typeof responseNorm>;
export type ResponseNorms = Record<Urgency, ResponseNorm>;

export const DEFAULT_NORMS: ResponseNorms = Object.fromEntries(urgencies.map((u) => [u, { minutes: RESPONSE_MINUTES[u], source: 'product_choice' }])) as ResponseNorms;

/** The stored norms over the defaults: an urgency missing or malformed in the row keeps its default. */
export function parseNorms(stored: unknown): ResponseNorms {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(urgencies.map((u) => {
    const parsed = responseNorm.safeParse(record[u]);
    return [u, parsed.success ? parsed.data : DEFAULT_NORMS[u]];
  })) as ResponseNorms;
}

/** The alliance's norms and staffing minimum, for the KPIs and the board's timers. */
export async function nightNorms(executor: Executor, allianceId: string): Promise<{ norms: ResponseNorms; minimumNightNurses: number }> {
  const row = await executor.selectFrom('alliance').select(['response_norms', 'minimum_night_nurses']).where('id', '=', allianceId).executeTakeFirstOrThrow();
  return { norms: parseNorms(row.response_norms), minimumNightNurses: row.minimum_night_nurses };
}
