import { sqlStateOf } from './sql-state.js';

/** Network errors on the way to PostgreSQL. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether an error means the database could not be reached or went away mid-query (restart, failover,
 * network), as opposed to a query that PostgreSQL answered with an error. Such a request did not commit
 * (or its outcome is unknown, and every write that matters is idempotent), so the caller may retry it.
 * SQLSTATE class 08 is "connection exception"; 57P01-57P03 are a shutdown or a server not yet started.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = sqlStateOf(error);
  if (code !== undefined && (NETWORK_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code))) return true;
  // pg reports a connection that ended under a query, or a client broken by an earlier error, without a code.
  return /^Connection terminated|^Client has encountered a connection error|^timeout exceeded when trying to connect/.test(error.message);
}

/**
 * Whether PostgreSQL rolled the transaction back to resolve a conflict with another one: a deadlock
 * (40P01) or a serialization failure (40001). Nothing of it was committed and the same request may
 * well succeed a moment later, so the caller is told to retry rather than given a 500. The code paths
 * that can meet such a conflict under ordinary load take locks to avoid it (`lockBeds`); this covers
 * the rare race that is left.
 */
export function isTransientConflict(error: unknown): boolean {
  const code = sqlStateOf(error);
  return error instanceof Error && (code === '40P01' || code === '40001');
}
