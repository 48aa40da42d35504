import { createHash, randomBytes } from 'node:crypto';

/**
 * The private links (confirm, edit): 256 random bits in the mail, only their SHA-256 in the database, so
 * a copy of the database opens nothing. An edit link is replaced by a fresh one each time it is used.
 */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
