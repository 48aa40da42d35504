import { fail, ok, type Result } from './errors.js';
import { encodeFrame, openFrame, parseFrame, type Dc09Header } from './frame.js';

export type ReplyKind = 'ack' | 'nak' | 'duh';

/**
 * DC-09-2013 §5.5.3.1: ACK echoes the sequence, receiver, line and account: "ACK"seqRrcvrLpref#acct[].
 * An encrypted message gets an encrypted ACK with the same key: "*ACK", pad, '|', ']' and a timestamp.
 * We always send an Lpref (L0 when the message had none), as the public receivers do.
 */
export function buildAck(message: Dc09Header, options: { key?: Uint8Array; now: Date; pad?: string }): Buffer {
  return encodeFrame({
    token: 'ACK',
    sequence: message.sequence,
    ...(message.receiver !== undefined && { receiver: message.receiver }),
    line: message.line ?? '0',
    account: message.account ?? '0',
    ...(message.encrypted && options.key && { key: options.key, timestamp: options.now }),
    ...(options.pad !== undefined && { pad: options.pad }),
  });
}

/**
 * DC-09-2013 §5.5.3.2: NAK is never encrypted and carries sequence 0000, R0L0A0, empty data and the
 * receiver's time, so a transmitter with a drifting clock can correct it: "NAK"0000R0L0A0[]_HH:MM:SS,MM-DD-YYYY.
 */
export function buildNak(now: Date): Buffer {
  return encodeFrame({ token: 'NAK', sequence: '0000', receiver: '0', line: '0', timestamp: now });
}

/** DC-09-2013 §5.5.3.3: DUH for a correctly received message we cannot process; never encrypted. */
export function buildDuh(message: Dc09Header): Buffer {
  return encodeFrame({
    token: 'DUH',
    sequence: message.sequence,
    ...(message.receiver !== undefined && { receiver: message.receiver }),
    line: message.line ?? '0',
    account: message.account ?? '0',
  });
}

export interface ParsedReply {
  readonly kind: ReplyKind;
  readonly sequence: string;
  readonly account?: string;
  readonly receiver?: string;
  readonly line?: string;
  readonly encrypted: boolean;
  readonly timestamp?: Date;
}

/** Parses a receiver's reply, for the client side (load generator, tests). Decrypts "*ACK" with `key`. */
export function parseReply(input: Uint8Array | string, key?: Uint8Array): Result<ParsedReply> {
  const frame = parseFrame(input);
  if (!frame.ok) return frame;
  const kind = frame.value.token.toLowerCase();
  if (kind !== 'ack' && kind !== 'nak' && kind !== 'duh') return fail('unsupported-token', `not a reply: ${frame.value.token}`);
  const message = openFrame(frame.value, key);
  if (!message.ok) return message;
  const m = message.value;
  return ok({
    kind,
    sequence: m.sequence,
    encrypted: m.encrypted,
    ...(m.account !== undefined && { account: m.account }),
    ...(m.receiver !== undefined && { receiver: m.receiver }),
    ...(m.line !== undefined && { line: m.line }),
    ...(m.timestamp !== undefined && { timestamp: m.timestamp }),
  });
}
