import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAgreement, createOrganisation } from '../../src/modules/alliance/index.js';
import type { Db } from '../../src/platform/db/index.js';
import type { SecretBox } from '../../src/platform/crypto/index.js';
import { login, sessionFor, type Session } from './app.js';
import type { CaughtMail, SmtpCatcher } from './smtp.js';
import { addUser, createWorld, SETUP, validClient, type TestUser, type World } from './world.js';

/** An alliance for care circles: the home care organisation, a district nurse partner, a GP practice, a hospital, the municipality; one partner without an agreement. */
export interface CircleWorld extends World {
  hospital: string;
  municipality: string;
}

export async function createCircleWorld(db: Db, options: { consentModel?: 'objection' | 'explicit_consent' } = {}): Promise<CircleWorld> {
  const world = await createWorld(db, options);
  const hospital = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Hospital', kind: 'hospital' });
  const municipality = await createOrganisation(db, SETUP, { allianceId: world.allianceId, name: 'Municipality', kind: 'municipality' });
  for (const organisationId of [world.homeOrg, world.partnerOrg, world.gpPost, hospital, municipality]) {
    await createAgreement(db, SETUP, { allianceId: world.allianceId, organisationId, purposes: ['care_network'], startsOn: '2020-01-01', signedBy: 'Director' });
  }
  return { ...world, hospital, municipality };
}

/** The token of the sign-in link in a mail, as a mail program shows it (the token rides in the fragment). */
export function signInTokenIn(mail: CaughtMail): string {
  const url = /https?:\/\/\S+\/burger\/inloggen\/bevestigen#\S+/.exec(mail.text)?.[0];
  if (!url) throw new Error(`no sign-in link in: ${mail.text}`);
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token');
  if (!token) throw new Error('no token in the link');
  return token;
}

/** Signs a citizen in with the link of the newest mail to them: a session with the citizen cookie. */
export async function citizenFromMail(app: FastifyInstance, smtp: SmtpCatcher, email: string): Promise<Session> {
  const since = Math.max(0, smtp.to(email).length - 1);
  const mail = await smtp.waitFor(email, { since });
  const response: LightMyRequestResponse = await app.inject({ method: 'POST', url: '/api/citizen/sign-in/confirm', payload: { token: signInTokenIn(mail) } });
  const cookie = response.cookies.find((c) => c.name === 'sz_citizen');
  if (!cookie) throw new Error(`no citizen cookie: ${response.body}`);
  return sessionFor(app, `sz_citizen=${cookie.value}`);
}

export interface Staff {
  user: TestUser;
  session: Session;
}

export async function staffOf(app: FastifyInstance, db: Db, secretBox: SecretBox, organisationId: string, roles: Parameters<typeof addUser>[3], label: string): Promise<Staff> {
  const user = await addUser(db, secretBox, organisationId, roles, label);
  return { user, session: await login(app, user) };
}

/** A client of the home organisation, registered through the real route. */
export async function registerClient(registrar: Session, familyName: string): Promise<string> {
  const response = await registrar.post('/api/clients', validClient({ familyName }));
  if (response.statusCode !== 201) throw new Error(`client not created: ${response.body}`);
  return response.json<{ id: string }>().id;
}

/** A circle opened by a home coordinator for a person who cannot, run by their daughter as representative, signed in from her mail. */
export interface OpenedCircle {
  clientId: string;
  daughter: Session;
  daughterEmail: string;
}

export async function openCircleByRepresentative(app: FastifyInstance, smtp: SmtpCatcher, homeCoordinator: Session, familyName: string, daughterEmail: string): Promise<OpenedCircle> {
  const clientId = await registerClient(homeCoordinator, familyName);
  const opened = await homeCoordinator.post(`/api/circles/${clientId}`, { runBy: { relation: 'representative', name: 'Marieke', email: daughterEmail }, consentGiven: true });
  if (opened.statusCode !== 201) throw new Error(`circle not opened: ${opened.body}`);
  return { clientId, daughter: await citizenFromMail(app, smtp, daughterEmail), daughterEmail };
}

/** An informal member invited by the daughter with these scopes, signed in from the invitation. */
export async function inviteInformal(app: FastifyInstance, smtp: SmtpCatcher, circle: OpenedCircle, member: { name: string; email: string; kind?: 'family' | 'neighbour' | 'volunteer' }, scopes: string[]): Promise<{ session: Session; memberId: string }> {
  const invited = await circle.daughter.post(`/api/circles/${circle.clientId}/members`, { type: 'informal', kind: member.kind ?? 'neighbour', name: member.name, email: member.email, scopes });
  if (invited.statusCode !== 201) throw new Error(`member not invited: ${invited.body}`);
  return { session: await citizenFromMail(app, smtp, member.email), memberId: invited.json<{ id: string }>().id };
}

/** A formal member (an organisation) invited by the daughter with these scopes. */
export async function inviteFormal(circle: OpenedCircle, kind: string, organisationId: string, scopes: string[]): Promise<string> {
  const invited = await circle.daughter.post(`/api/circles/${circle.clientId}/members`, { type: 'formal', kind, name: kind, organisationId, scopes });
  if (invited.statusCode !== 201) throw new Error(`organisation not invited: ${invited.body}`);
  return invited.json<{ id: string }>().id;
}
