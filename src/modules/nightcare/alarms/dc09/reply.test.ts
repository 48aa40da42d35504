import { describe, expect, it } from 'vitest';
import { encodeFrame, parseFrame } from './frame.js';
import { buildAck, buildDuh, buildNak, parseReply } from './reply.js';
import { FIOLETOVEN_NAK } from './vectors.js';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
const header = { token: 'SIA-DCS', encrypted: false, sequence: '0042', receiver: '12', line: '3', account: '1234' };

describe('replies', () => {
  it('builds the NAK exactly as fioletoven/dc09 expects it (§5.5.3.2)', () => {
    const nak = buildNak(new Date(Date.UTC(2025, 8, 24, 16, 20, 1)));
    expect(nak.toString('latin1')).toBe(FIOLETOVEN_NAK);
  });

  it('echoes sequence, receiver, line and account in ACK and DUH (§5.5.3.1, §5.5.3.3)', () => {
    const ack = buildAck(header, { now: new Date() });
    expect(ack.toString('latin1').slice(9, -1)).toBe('"ACK"0042R12L3#1234[]');
    expect(buildDuh(header).toString('latin1').slice(9, -1)).toBe('"DUH"0042R12L3#1234[]');
    expect(buildAck({ ...header, receiver: undefined, line: undefined }, { now: new Date() }).toString('latin1').slice(9, -1)).toBe(
      '"ACK"0042L0#1234[]',
    );
  });

  it('encrypts the ACK to an encrypted message with the same key, with a timestamp', () => {
    const now = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));
    const ack = buildAck({ ...header, encrypted: true }, { key: KEY, now });
    expect(ack.toString('latin1')).toMatch(/^\n[0-9A-F]{4}0[0-9A-F]{3}"\*ACK"0042R12L3#1234\[[0-9A-F]{32,}\r$/);
    expect(parseReply(ack, KEY)).toEqual({
      ok: true,
      value: { kind: 'ack', sequence: '0042', account: '1234', receiver: '12', line: '3', encrypted: true, timestamp: now },
    });
    expect(parseReply(ack)).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
  });

  it('parses NAK and DUH, and refuses a non-reply', () => {
    expect(parseReply(FIOLETOVEN_NAK)).toMatchObject({ ok: true, value: { kind: 'nak', sequence: '0000' } });
    expect(parseReply(buildDuh(header))).toMatchObject({ ok: true, value: { kind: 'duh', sequence: '0042' } });
    const alarm = encodeFrame({ token: 'SIA-DCS', sequence: 1, account: '1', data: 'NMA1' });
    expect(parseReply(alarm)).toMatchObject({ ok: false, error: { code: 'unsupported-token' } });
    expect(parseFrame(buildAck(header, { now: new Date() })).ok).toBe(true);
  });
});
