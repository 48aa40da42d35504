import type { FastifyRequest } from 'fastify';
import type { ApiKeyContext, CitizenContext, StaffContext } from '../../platform/access/index.js';
import { requireUser, type CitizenSession } from '../../platform/auth/index.js';
import type { Db } from '../../platform/db/index.js';
import { notFound, unauthenticated } from '../../platform/http/index.js';

/** Who acts in a circle: staff (their own or a member organisation) or a citizen (the person, the representative, an informal member). */
export type CircleActor = StaffContext | CitizenContext;

/**
 * Who may record what happens to the person (an admission, a discharge's pathway, a message from
 * another organisation): circle actors, and the organisation's message-network gateway (MedCom), which
 * platform/access lets reach only its own clients' tasks and messages.
 */
export type CircleRecorder = CircleActor | ApiKeyContext;

/**
 * The acting context of a circle request: a staff session as usual, else the signed-in citizen,
 * scoped to this one client. The citizen's context claims nothing: platform/access decides from the
 * recorded links and consents what it opens, so building it for any circle is harmless. Without a
 * circle for the client it reads as not found, like every refusal.
 */
export async function circleActor(db: Db, request: FastifyRequest, clientId: string): Promise<CircleActor> {
  if (request.auth) return requireUser(request);
  if (!request.citizen) throw unauthenticated();
  return citizenActor(db, request.citizen, clientId);
}

export async function citizenActor(db: Db, citizen: CitizenSession, clientId: string): Promise<CitizenContext> {
  const circle = await db.selectFrom('circle').select(['alliance_id', 'organisation_id']).where('client_id', '=', clientId).executeTakeFirst();
  if (!circle) throw notFound('Client');
  const self = await db.selectFrom('client_citizen_link').select('id').where('client_id', '=', clientId).where('citizen_id', '=', citizen.citizenId).where('relation', '=', 'self').where('ended_at', 'is', null).executeTakeFirst();
  return {
    actorKind: 'citizen',
    citizenKind: self ? 'client' : 'informal_caregiver',
    clientId,
    actorId: citizen.citizenId,
    actorName: citizen.name,
    organisationId: circle.organisation_id,
    roles: [],
    allianceIds: [circle.alliance_id],
    allianceId: circle.alliance_id,
  };
}
