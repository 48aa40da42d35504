import { AppError } from '../../../platform/http/index.js';
import type { SourceErrorCode } from './fetch-source.js';

/**
 * How the manual "sync now" answers a source that could not be read (the run is in the history either
 * way, with the same reason). The caller's request was right and our server is fine: what failed is
 * the exchange with the organisation's own server, which we reach as a gateway does. So, as a gateway
 * answers: 504 when it did not answer in time, 502 when it answered something we will not use (a
 * redirect, more than the limit, an error status, no Bundle, a next link elsewhere, refused
 * credentials) or could not be reached. Only an address that turned out private when connecting is the
 * configuration's fault, found without the partner's help: 400 on the base URL, as at set-up.
 */
const statusOf: Record<SourceErrorCode, 'SOURCE_TIMEOUT' | 'SOURCE_FAILED' | 'INVALID_INPUT'> = {
  timeout: 'SOURCE_TIMEOUT',
  redirect: 'SOURCE_FAILED',
  too_large: 'SOURCE_FAILED',
  http_error: 'SOURCE_FAILED',
  not_a_bundle: 'SOURCE_FAILED',
  foreign_link: 'SOURCE_FAILED',
  unreachable: 'SOURCE_FAILED',
  auth_failed: 'SOURCE_FAILED',
  private_address: 'INVALID_INPUT',
  host_not_allowed: 'INVALID_INPUT',
};

/** The error for a run whose source failed; its details name the reason and the run recorded in the history. */
export function sourceFailureError(code: SourceErrorCode, message: string, runId: string): AppError {
  const kind = statusOf[code];
  const details = { reason: code, runId };
  if (kind === 'INVALID_INPUT') return new AppError('INVALID_INPUT', message, [{ path: 'baseUrl', code, message }], details);
  return new AppError(kind, message, undefined, details);
}
