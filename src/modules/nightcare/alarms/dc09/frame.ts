import { crcHex } from './crc.js';
import { decryptRegion, encryptRegion } from './crypto.js';
import { fail, ok, type Result } from './errors.js';
import { formatTimestamp, parseTimestamp } from './timestamp.js';

/**
 * DC-09-2013 §5.5.1 message frame:
 *   <LF><crc><0LLL><"id"><seq><Rrcvr><Lpref><#acct>[<data>]<[x-data]...><_timestamp><CR>
 * crc and 0LLL (a '0' and three hex digits) cover the bytes from the opening '"' through the timestamp.
 */
export const LF = 0x0a;
export const CR = 0x0d;
/** The length field has three hex digits, so a message holds at most 0xFFF bytes; plus LF, crc, length, CR. */
export const MAX_MESSAGE_LENGTH = 0xfff;
export const MAX_FRAME_BYTES = MAX_MESSAGE_LENGTH + 10;

export interface Dc09Header {
  /** id token without the '*' encryption flag: 'SIA-DCS', 'ADM-CID', 'NULL', 'ACK', 'NAK', 'DUH', ... */
  readonly token: string;
  readonly encrypted: boolean;
  /** Four digits as sent ('0001'..'9999'); the store deduplicates on account + sequence. */
  readonly sequence: string;
  /** Receiver number without the 'R' (hex, optional). */
  readonly receiver?: string;
  /** Account prefix / line without the 'L' (hex, optional). */
  readonly line?: string;
  /** Account without the '#'; absent in a NAK, which carries 'A0' instead (§5.5.3.2). */
  readonly account?: string;
}

export interface Dc09Content {
  /** The data field without its brackets and without a leading '#acct|'. */
  readonly data: string;
  /** The account repeated at the start of the data field ('#acct|'), when present. */
  readonly dataAccount?: string;
  /** Extended data fields ([X...], [Y...], [M...], ...) without brackets. */
  readonly extended: readonly string[];
  readonly timestamp?: Date;
}

export type Dc09Message = Dc09Header & Dc09Content;

/** A frame whose envelope and header are valid; an encrypted body still needs the account's key. */
export type Dc09Frame = Dc09Header &
  ({ readonly body: 'plain'; readonly content: Dc09Content } | { readonly body: 'encrypted'; readonly hex: string });

// Lazy R and L so the NAK's "R0L0A0" reads as R 0, L 0, A0 rather than L "0A0".
const HEADER =
  /^"(\*?)([A-Z0-9-]{1,16})"(\d{4})(?:R([0-9A-Fa-f]{1,6}?))?(?:L([0-9A-Fa-f]{1,6}?))?(?:#([0-9A-Za-z]{1,16})|A0)?\[/;

/** Checks LF/CR, length and CRC, and parses the header. Never throws. */
export function parseFrame(input: Uint8Array | string): Result<Dc09Frame> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : Buffer.from(input);
  if (bytes.length > MAX_FRAME_BYTES) return fail('framing', `frame of ${bytes.length} bytes exceeds ${MAX_FRAME_BYTES}`);
  if (bytes.length < 10 || bytes[0] !== LF || bytes[bytes.length - 1] !== CR) {
    return fail('framing', 'a frame is LF, crc, 0LLL, message, CR');
  }
  const text = bytes.toString('latin1');
  const crcField = text.slice(1, 5);
  const lengthField = text.slice(5, 9);
  const message = text.slice(9, -1);
  if (!/^[0-9A-Fa-f]{4}$/.test(crcField)) return fail('crc', 'crc field is not four hex digits');
  // §5.5.1.3: the length field is '0' followed by three hex digits.
  if (!/^0[0-9A-Fa-f]{3}$/.test(lengthField)) return fail('length', 'length field is not 0LLL');
  const declared = parseInt(lengthField, 16);
  if (declared !== message.length) return fail('length', `length field says ${declared}, message has ${message.length}`);
  const actualCrc = crcHex(bytes.subarray(9, -1));
  if (crcField.toUpperCase() !== actualCrc) return fail('crc', `crc field ${crcField}, computed ${actualCrc}`);
  return parseMessage(message);
}

function parseMessage(message: string): Result<Dc09Frame> {
  const m = HEADER.exec(message);
  if (!m) return fail('header', 'id token, sequence, Rrcvr, Lpref or #acct malformed');
  const [whole, star, token, sequence, receiver, line, account] = m;
  const header: Dc09Header = {
    token: token ?? '',
    encrypted: star === '*',
    sequence: sequence ?? '',
    ...(receiver !== undefined && { receiver: receiver.toUpperCase() }),
    ...(line !== undefined && { line: line.toUpperCase() }),
    ...(account !== undefined && { account: account.toUpperCase() }),
  };
  const rest = message.slice(whole.length);
  if (header.encrypted) return ok({ ...header, body: 'encrypted', hex: rest });
  const content = parseContent(rest);
  if (!content.ok) return content;
  // Some panels leave #acct out of the header and send it only in the data field ('[#006969|...]').
  const fallback = header.account ?? content.value.dataAccount;
  return ok({ ...header, ...(fallback !== undefined && { account: fallback }), body: 'plain', content: content.value });
}

/** Parses `data]` `[x-data]...` `_timestamp` (the text after the data field's '['). */
export function parseContent(text: string): Result<Dc09Content> {
  const close = text.indexOf(']');
  if (close < 0) return fail('body', "data field has no closing ']'");
  const { data, dataAccount } = splitDataAccount(text.slice(0, close));
  const extended: string[] = [];
  let rest = text.slice(close + 1);
  while (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    if (end < 0) return fail('body', "extended data field has no closing ']'");
    extended.push(rest.slice(1, end));
    rest = rest.slice(end + 1);
  }
  const base = { data, extended, ...(dataAccount !== undefined && { dataAccount }) };
  if (rest === '') return ok(base);
  if (!rest.startsWith('_')) return fail('body', 'unexpected text after the data fields');
  const timestamp = parseTimestamp(rest.slice(1));
  return timestamp.ok ? ok({ ...base, timestamp: timestamp.value }) : timestamp;
}

/**
 * The data field often repeats the account: '#1234|NFA129' or '#12345A|1110 00 129'. Some transmitters
 * send a bare '|' in plain messages ('[|Nri1/CL501]' in pysiaalarm's vectors); both are stripped.
 */
function splitDataAccount(raw: string): { data: string; dataAccount?: string } {
  if (raw.startsWith('|')) return { data: raw.slice(1) };
  const m = /^#([0-9A-Za-z]{1,16})\|/.exec(raw);
  if (!m) return { data: raw };
  return { data: raw.slice(m[0].length), dataAccount: (m[1] ?? '').toUpperCase() };
}

/** Decrypts an encrypted frame's body with the account's key. */
export function openFrame(frame: Dc09Frame, key: Uint8Array | undefined): Result<Dc09Message> {
  const header = headerOf(frame);
  if (frame.body === 'plain') return ok({ ...header, ...frame.content });
  if (!key) return fail('unknown-key', `no key for account ${frame.account ?? '(none)'}`);
  const plain = decryptRegion(frame.hex, key);
  if (!plain.ok) return plain;
  const content = parseContent(plain.value);
  if (!content.ok) return fail('decrypt', `decrypted text does not parse (wrong key?): ${content.error.detail}`);
  return ok({ ...header, ...content.value });
}

export function headerOf(frame: Dc09Header): Dc09Header {
  return {
    token: frame.token,
    encrypted: frame.encrypted,
    sequence: frame.sequence,
    ...(frame.receiver !== undefined && { receiver: frame.receiver }),
    ...(frame.line !== undefined && { line: frame.line }),
    ...(frame.account !== undefined && { account: frame.account }),
  };
}

export interface EncodeFrameInput {
  readonly token: string;
  readonly sequence: number | string;
  readonly receiver?: string;
  readonly line?: string;
  /** Account without '#'. Omitted only in a NAK, which carries 'A0' (§5.5.3.2). */
  readonly account?: string;
  /** Data field contents, e.g. '#1234|Nri1/MA001' or '#1234|1101 01 001'. */
  readonly data?: string;
  readonly extended?: readonly string[];
  /** Included when given; encrypted frames always carry one (default: now). */
  readonly timestamp?: Date;
  /** Encrypt with this key (16/24/32 bytes): the token gets its '*' prefix. */
  readonly key?: Uint8Array;
  /** Fixed pad for reproducible test vectors; random otherwise. */
  readonly pad?: string;
}

/** Builds a valid frame, plain or encrypted. Throws RangeError on impossible input (a caller bug). */
export function encodeFrame(input: EncodeFrameInput): Buffer {
  const sequence = typeof input.sequence === 'number' ? String(input.sequence).padStart(4, '0') : input.sequence;
  if (!/^\d{4}$/.test(sequence)) throw new RangeError('sequence must be four digits');
  const accountField = input.account === undefined ? 'A0' : `#${input.account}`;
  const head =
    `"${input.key ? '*' : ''}${input.token}"${sequence}` +
    `${input.receiver !== undefined ? `R${input.receiver}` : ''}${input.line !== undefined ? `L${input.line}` : ''}${accountField}[`;
  const extended = (input.extended ?? []).map((x) => `[${x}]`).join('');
  if (!input.key) {
    const stamp = input.timestamp ? `_${formatTimestamp(input.timestamp)}` : '';
    return wrapMessage(`${head}${input.data ?? ''}]${extended}${stamp}`);
  }
  const region = `${input.data ?? ''}]${extended}_${formatTimestamp(input.timestamp ?? new Date())}`;
  const hex = input.pad === undefined ? encryptRegion(region, input.key) : encryptRegion(region, input.key, input.pad);
  return wrapMessage(`${head}${hex}`);
}

/** Adds LF, CRC, 0LLL and CR around a message (the text from '"' through the timestamp). */
export function wrapMessage(message: string): Buffer {
  if (message.length > MAX_MESSAGE_LENGTH) throw new RangeError(`DC-09 messages are at most ${MAX_MESSAGE_LENGTH} bytes`);
  const length = `0${message.length.toString(16).toUpperCase().padStart(3, '0')}`;
  return Buffer.from(`\n${crcHex(message)}${length}${message}\r`, 'latin1');
}
