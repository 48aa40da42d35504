import { AppError, notFound } from '../../../platform/http/index.js';
import { take, type RateRule } from '../../../platform/rate/index.js';
import type { NetworkMapDeps } from '../deps.js';
import { findCandidates } from '../duplicates.js';
import { changeInitiative, insertInitiative, lockInitiative, partnerNames, type InitiativeRow } from '../initiatives/store.js';
import { editableBySubmitter } from '../lifecycle.js';
import { partnerKindOf } from '../inventory/partner-kind.js';
import { municipalityWithNetwork } from '../municipalities.js';
import type { InitiativeInput } from '../schemas.js';
import { hashToken, newToken } from '../tokens.js';
import { confirmPath, editPath, mailSubmitter } from './mail.js';
import type { PublicCall } from './schemas.js';

/** Calls one address may send per hour (our choice): enough for a busy coordinator, too few to flood the moderators. */
export const CALLS_PER_HOUR = 5;
/** The purpose names the key the source's HMAC was made with before the limit moved to platform/rate (migration 0044). */
export const CALL_LIMIT: RateRule = { purpose: 'networkmap-call-source', windowMs: 3600_000, limit: CALLS_PER_HOUR };

/** The columns an initiative's own text fills, from the form. */
export function columnsOf(input: InitiativeInput) {
  // The public form asks only for names; the usual Dutch names say the kind.
  const partners = input.partners.map((p) => (p.kind === 'other' ? { ...p, kind: partnerKindOf(p.name) } : p));
  return {
    title: input.title, summary: input.summary, place: input.place, partners: JSON.stringify(partners), partner_names: partnerNames(partners),
    themes: input.themes, target_groups: input.targetGroups, stage: input.stage, started_on: input.startedOn ?? null, contact_name: input.contactName,
    contact_email: input.contactEmail, contact_phone: input.contactPhone, contact_publish: input.contactPublish, links: input.links, files: input.files, films: input.films,
    latitude: input.latitude ?? null, longitude: input.longitude ?? null, wants_support: input.wantsSupport,
  };
}

/** Candidates the call may duplicate, for the form's "is this initiative already known?". */
export async function duplicatesOf(deps: NetworkMapDeps, input: Pick<InitiativeInput, 'title' | 'partners' | 'place' | 'municipalityId'>) {
  await municipalityWithNetwork(deps.readDb, input.municipalityId);
  return findCandidates(deps.readDb, { title: input.title, partnerNames: partnerNames(input.partners), place: input.place, municipalityId: input.municipalityId });
}

/**
 * A call without an account. A filled honeypot gets the same answer as a person and nothing happens;
 * past the hourly limit per address (a keyed hash, never the address) the call is refused; a call that
 * looks like a known initiative is answered with the candidates until the submitter says it is new. The
 * call waits, unseen by moderators, until the link mailed to the contact is opened.
 */
export async function submitCall(deps: NetworkMapDeps, input: PublicCall, sourceAddress: string) {
  if (input.website !== '') return { status: 'check_your_mail' as const };
  const municipality = await municipalityWithNetwork(deps.db, input.municipalityId);
  if (!input.notADuplicate) {
    const candidates = await findCandidates(deps.db, { title: input.title, partnerNames: partnerNames(input.partners), place: input.place, municipalityId: input.municipalityId });
    if (candidates.length > 0) throw new AppError('POSSIBLE_DUPLICATE', 'This initiative may already be known', undefined, { candidates });
  }
  // Counted only here, just before the call is stored: being shown possible duplicates does not use up a call.
  const taken = await take(deps, CALL_LIMIT, sourceAddress);
  if (!taken.allowed) throw new AppError('RATE_LIMITED', 'Too many calls from this address; try again later', undefined, { retryAfterSeconds: taken.retryAfterSeconds });
  const confirm = newToken();
  await insertInitiative(
    deps.db,
    {
      ...columnsOf(input), alliance_id: municipality.alliance_id, network_id: municipality.network_id, municipality_id: municipality.id,
      status: 'unconfirmed', source: 'public', confirm_token_hash: confirm.hash, created_at: deps.now(), updated_at: deps.now(),
    },
    { actor_kind: 'submitter', actor_user_id: null },
    'called',
  );
  await mailSubmitter(deps, { email: input.contactEmail, allianceId: municipality.alliance_id }, 'networkmapConfirm', { name: input.contactName, title: input.title }, confirmPath(confirm.token));
  return { status: 'check_your_mail' as const };
}

/** The confirmation link: the call goes to the region's network coordinator, and the submitter gets the private edit link. */
export async function confirmCall(deps: NetworkMapDeps, token: string) {
  const edit = newToken();
  const row = await deps.db.transaction().execute(async (trx) => {
    const found = await lockInitiative(trx, { confirmTokenHash: hashToken(token) });
    if (found?.status !== 'unconfirmed') throw notFound('Call');
    await changeInitiative(trx, found, { status: 'submitted', confirm_token_hash: null, edit_token_hash: edit.hash }, { actor_kind: 'submitter', actor_user_id: null, action: 'confirmed' }, deps.now());
    return found;
  });
  await mailSubmitter(deps, { email: row.contact_email, allianceId: row.alliance_id }, 'networkmapEditLink', { name: row.contact_name, title: row.title }, editPath(edit.token));
  return { title: row.title, status: 'submitted' };
}

const ownView = (row: InitiativeRow) => ({
  id: row.id, title: row.title, summary: row.summary, municipalityId: row.municipality_id, place: row.place, partners: row.partners, themes: row.themes, targetGroups: row.target_groups,
  stage: row.stage, ...(row.started_on ? { startedOn: row.started_on } : {}), contactName: row.contact_name, contactEmail: row.contact_email, contactPhone: row.contact_phone,
  contactPublish: row.contact_publish, links: row.links, files: row.files, films: row.films, ...(row.latitude !== null ? { latitude: row.latitude } : {}),
  ...(row.longitude !== null ? { longitude: row.longitude } : {}), wantsSupport: row.wants_support, status: row.status, statusReason: row.status_reason,
});

/** The submitter's own initiative, through the private link (reading does not use the link up). */
export async function readOwn(deps: NetworkMapDeps, token: string) {
  const row = await deps.db.selectFrom('initiative').selectAll().where('edit_token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row) throw notFound('Initiative');
  return ownView(row);
}

/**
 * A change through the private link. The link is used up and a fresh one mailed, so a forwarded or
 * leaked mail opens the initiative at most once more. A changed text goes back to the coordinator.
 */
export async function editOwn(deps: NetworkMapDeps, token: string, input: InitiativeInput) {
  const next = newToken();
  const municipality = await municipalityWithNetwork(deps.db, input.municipalityId);
  const row = await deps.db.transaction().execute(async (trx) => {
    const found = await lockInitiative(trx, { editTokenHash: hashToken(token) });
    if (!found || !editableBySubmitter.includes(found.status)) throw notFound('Initiative');
    await changeInitiative(
      trx, found,
      { ...columnsOf(input), municipality_id: municipality.id, network_id: municipality.network_id, alliance_id: municipality.alliance_id, status: 'submitted', status_reason: '', edit_token_hash: next.hash },
      { actor_kind: 'submitter', actor_user_id: null, action: 'edited' },
      deps.now(),
    );
    return found;
  });
  await mailSubmitter(deps, { email: input.contactEmail, allianceId: row.alliance_id }, 'networkmapEditLink', { name: input.contactName, title: input.title }, editPath(next.token));
  return { status: 'submitted' };
}
