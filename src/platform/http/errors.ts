/**
 * The one catalogue of error codes. Each typed error has a stable code; `error-handler.ts` maps them
 * to HTTP in one place. Messages are English defaults for logs and API users; the web app shows the
 * translation of the code.
 */
export const errorCodes = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  SECOND_FACTOR_REQUIRED: 401,
  SECOND_FACTOR_SETUP_REQUIRED: 403,
  FORBIDDEN: 403,
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** The organisation is in several alliances and the session has not chosen the one it acts in. */
  ALLIANCE_NOT_CHOSEN: 409,
  /** Completing an incident whose GP referral is still unanswered needs the nurse's explicit confirmation. */
  REFERRAL_UNANSWERED: 409,
  /** The alliance has not enabled planned night visits (off by default: the announced team is for unplanned care). */
  PLANNED_VISITS_OFF: 409,
  IMPORT_REFUSED: 422,
  /** IETF Idempotency-Key draft: the key was first used with another request body. */
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  /** Respite: every bed is taken for those nights (the exclusion constraint said so, or no bed was free). */
  NO_ROOM: 409,
  /** Respite: a block or maintenance asked for a bed that is booked or blocked on some of those nights. */
  BED_TAKEN: 409,
  /** Respite: the stay starts sooner than the alliance's minimum lead time; the details name the crisis route. */
  CRISIS_ROUTE: 422,
  /** Respite: the chosen funding scheme does not pay for these nights (no valid decision, or too few nights left). */
  FUNDING_NOT_COVERED: 422,
  /** Network map: a public call looks like a known initiative; the details list the candidates. */
  POSSIBLE_DUPLICATE: 409,
  /** MedCom: the message we would send breaks its profile's rules; the details list the rules, the fields what to correct. */
  MESSAGE_INVALID: 422,
  UNAVAILABLE: 503,
  /** A partner's server we read on the caller's behalf (the FHIR client import's source) answered unusably: a redirect, too much, an error. */
  SOURCE_FAILED: 502,
  /** That partner's server did not answer in time. */
  SOURCE_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    /** Structured detail for the caller, such as the refused rows of an import. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

export const invalid = (message: string, fields?: FieldError[]) => new AppError('INVALID_INPUT', message, fields);
/** A refusal of someone else's record uses this too, so it never tells whether the record exists. */
export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'Not allowed') => new AppError('FORBIDDEN', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const idempotencyKeyReused = () => new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body; use a new key for a new request');
export const referralUnanswered = () => new AppError('REFERRAL_UNANSWERED', 'The GP post has not answered the referral yet; confirm to complete anyway');
export const plannedVisitsOff = () =>
  new AppError('PLANNED_VISITS_OFF', "Planned night visits are off for this alliance; its administrator can enable them in the alliance's settings");
export const unauthenticated = (message = 'Log in first') => new AppError('UNAUTHENTICATED', message);
/** Too many failed attempts: the caller may try again after the given number of seconds (sent as Retry-After too). */
export const rateLimited = (retryAfterSeconds: number, details: Record<string, string> = {}) =>
  new AppError('RATE_LIMITED', `Too many failed attempts; try again in ${retryAfterSeconds} seconds`, undefined, { retryAfterSeconds, ...details });

/** The wait a RATE_LIMITED error carries, if any. */
export function retryAfterOf(error: AppError): number | undefined {
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return error.code === 'RATE_LIMITED' && typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
}
