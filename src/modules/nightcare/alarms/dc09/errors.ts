/** Why a DC-09 frame was refused. Parsers return these instead of throwing. */
export type Dc09ErrorCode =
  | 'framing' // not LF ... CR, or a frame over the size limit
  | 'length' // the 0LLL field does not match the message
  | 'crc' // the CRC field does not match the message
  | 'header' // id token, sequence, receiver, line or account malformed
  | 'body' // data, extended data or timestamp malformed
  | 'unsupported-token' // a well-formed frame with an id token we do not process
  | 'unknown-key' // encrypted, but no key is configured for the account
  | 'encryption-required' // plain text from an account that has a key
  | 'decrypt' // the encrypted region does not decrypt to a valid message
  | 'timestamp-missing' // encrypted messages must carry a timestamp
  | 'timestamp-window'; // encrypted message outside the +20/-40 s window

export interface Dc09Error {
  readonly code: Dc09ErrorCode;
  readonly detail: string;
}

export type Result<T, E = Dc09Error> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(code: Dc09ErrorCode, detail: string): { ok: false; error: Dc09Error } {
  return { ok: false, error: { code, detail } };
}
