import { fail, ok, type Dc09Error, type Dc09ErrorCode, type Result } from './errors.js';
import { headerOf, openFrame, parseFrame, type Dc09Header, type Dc09Message } from './frame.js';
import { isWithinWindow } from './timestamp.js';

/** Looks up an account's AES key; undefined when the account does not encrypt (or is unknown). */
export type KeyLookup = (account: string) => Uint8Array | undefined;

/** Tokens a receiver processes. Everything else that frames correctly is answered with DUH. */
export const SUPPORTED_TOKENS: ReadonlySet<string> = new Set(['SIA-DCS', 'ADM-CID', 'NULL']);
const REPLY_TOKENS: ReadonlySet<string> = new Set(['ACK', 'NAK', 'DUH', 'RSP']);

export interface Accepted {
  readonly message: Dc09Message;
  /** The key the message was encrypted with, to encrypt the ACK (§5.5.3.1). */
  readonly key?: Uint8Array;
}

export interface Rejected {
  readonly error: Dc09Error;
  /**
   * What to send back, each as the standard prescribes:
   * - nothing for bytes that do not form a frame with a valid CRC and length (SIA DC-09-2007 App. C.2.3.5):
   *   the transmitter's ACK timeout makes it send again, as after a frame lost on the line. A NAK would
   *   answer line noise, one NAK per LF...CR fragment of it;
   * - nothing for a frame whose CRC holds but whose header or data field we cannot read: with no sequence
   *   and account a DUH could not name it, and silence sends the alarm to the transmitter's backup path
   *   rather than telling it to discard what we could not read;
   * - nothing for stray replies (ACK/NAK/DUH/RSP), so two receivers never ping-pong;
   * - DUH for a correct frame we cannot process: an unknown id token, no account, no key, plain text from
   *   an account that must encrypt, or a body that does not decrypt with the account's key (§5.5.3.3);
   * - NAK only for the timestamp test of an encrypted message (§5.5.1.8, §5.5.3.2): the transmitter
   *   learns our time from the NAK and re-stamps.
   */
  readonly reply: 'nak' | 'duh' | 'none';
  /** Present when the header parsed, so a DUH can echo sequence and account. */
  readonly header?: Dc09Header;
}

/** Errors found before the CRC holds: the bytes are no DC-09 frame at all (line noise, another protocol). */
const NOISE: ReadonlySet<Dc09ErrorCode> = new Set(['framing', 'length', 'crc']);

/** True when the evaluated bytes were noise rather than a frame; a receiver may drop a peer sending only that. */
export function isNoise(result: Result<Accepted, Rejected>): boolean {
  return !result.ok && NOISE.has(result.error.error.code);
}

/** Everything a receiver decides about one frame before the alarm handler sees it. Pure; never throws. */
export function evaluateFrame(input: Uint8Array | string, keys: KeyLookup, now: Date): Result<Accepted, Rejected> {
  const parsed = parseFrame(input);
  if (!parsed.ok) return reject(parsed.error, 'none');
  const frame = parsed.value;
  const header = headerOf(frame);
  if (REPLY_TOKENS.has(frame.token)) return reject({ code: 'unsupported-token', detail: frame.token }, 'none', header);
  if (!SUPPORTED_TOKENS.has(frame.token)) return reject({ code: 'unsupported-token', detail: frame.token }, 'duh', header);
  if (frame.account === undefined) return reject({ code: 'header', detail: 'no #acct' }, 'duh', header);
  const key = keys(frame.account);
  if (!frame.encrypted) {
    // An account with a key must encrypt; accepting its plain text would let anyone forge its alarms.
    if (key) return reject({ code: 'encryption-required', detail: `account ${frame.account} has a key` }, 'duh', header);
    const message = openFrame(frame, undefined);
    return message.ok ? ok({ message: message.value }) : reject(message.error, 'none', header);
  }
  // DC-09-2013 §5.5.3.3: an encrypted message we hold no key for cannot be processed.
  if (!key) return reject({ code: 'unknown-key', detail: `no key for account ${frame.account}` }, 'duh', header);
  // §5.5.3.3 again: a body that does not decrypt with the account's key (a wrong key) cannot be processed.
  // Resending the same bytes cannot help, so no NAK: that would only start a retry loop.
  const message = openFrame(frame, key);
  if (!message.ok) return reject(message.error, 'duh', header);
  const checked = checkTimestamp(message.value, now);
  return checked.ok ? ok({ message: message.value, key }) : reject(checked.error, 'nak', header);
}

/** DC-09-2013 §5.5.1.8 / §5.5.3.2: encrypted messages need a timestamp within +20/-40 s, else NAK. */
export function checkTimestamp(message: Dc09Message, now: Date): Result<Dc09Message> {
  if (!message.encrypted) return ok(message);
  if (!message.timestamp) return fail('timestamp-missing', 'encrypted message without timestamp');
  if (!isWithinWindow(message.timestamp, now)) {
    return fail('timestamp-window', `sent ${message.timestamp.toISOString()}, receiver time ${now.toISOString()}`);
  }
  return ok(message);
}

function reject(error: Dc09Error, reply: Rejected['reply'], header?: Dc09Header): { ok: false; error: Rejected } {
  return { ok: false, error: { error, reply, ...(header && { header }) } };
}
