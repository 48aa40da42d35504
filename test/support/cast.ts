import type { Role } from '../../src/platform/access/index.js';
import { login, type Session, type TestApp } from './app.js';
import { addUser, type TestUser } from './world.js';

/** Who plays in an access test: a name → the organisation and roles of that staff member. */
export type CastSpec = Record<string, readonly [organisationId: string, roles: readonly Role[]]>;

/** Creates every staff member of the cast and signs each in: the users and their sessions, by the cast's names. */
export async function signInCast(t: TestApp, spec: CastSpec): Promise<{ users: Record<string, TestUser>; sessions: Record<string, Session> }> {
  const users: Record<string, TestUser> = {};
  const sessions: Record<string, Session> = {};
  for (const [name, [organisationId, roles]] of Object.entries(spec)) {
    users[name] = await addUser(t.db, t.deps.secretBox, organisationId, [...roles], name);
    sessions[name] = await login(t.app, users[name]);
  }
  return { users, sessions };
}
