import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encryptRegion } from './crypto.js';
import { encodeFrame, wrapMessage } from './frame.js';
import { evaluateFrame, isNoise } from './intake.js';
import { PYSIAALARM_KEY, PYSIAALARM_MESSAGES, PYSIAALARM_NULL_SENT } from './vectors.js';

const KEY = Buffer.alloc(32, 7);
const now = new Date(Date.UTC(2025, 5, 1, 2, 0, 0));
const keys = (account: string): Buffer | undefined => (account === 'E1' ? KEY : account === 'AAAB' ? PYSIAALARM_KEY : undefined);
const at = (s: number): Date => new Date(now.getTime() + s * 1000);
const encrypted = (sent: Date): Buffer =>
  encodeFrame({ token: 'SIA-DCS', sequence: 5, line: '0', account: 'E1', data: 'Nri1/MA001', timestamp: sent, key: KEY });

describe('evaluateFrame', () => {
  it('accepts a plain message from an account without a key', () => {
    const frame = encodeFrame({ token: 'ADM-CID', sequence: 9, line: '0', account: '1234', data: '#1234|1101 01 001' });
    expect(evaluateFrame(frame, keys, now)).toMatchObject({ ok: true, value: { message: { account: '1234', data: '1101 01 001' } } });
  });

  it('accepts an encrypted message inside the window and returns the key for the ACK', () => {
    for (const s of [20, 0, -40]) {
      const result = evaluateFrame(encrypted(at(s)), keys, now);
      expect(result).toMatchObject({ ok: true, value: { message: { encrypted: true, data: 'Nri1/MA001' } } });
      expect(result.ok && result.value.key).toBe(KEY);
    }
  });

  it.each([21, -41])('NAKs an encrypted message %i s off (DC-09 §5.5.1.8)', (s) => {
    expect(evaluateFrame(encrypted(at(s)), keys, now)).toMatchObject({ ok: false, error: { reply: 'nak', error: { code: 'timestamp-window' } } });
  });

  it('accepts the pysiaalarm encrypted NULL at its own send time', () => {
    const frame = wrapMessage(PYSIAALARM_MESSAGES[2]?.[1] ?? '');
    expect(evaluateFrame(frame, keys, PYSIAALARM_NULL_SENT)).toMatchObject({ ok: true, value: { message: { token: 'NULL' } } });
    expect(evaluateFrame(frame, keys, now)).toMatchObject({ ok: false, error: { reply: 'nak' } });
  });

  it('answers DUH for an encrypted message without a key and plain text from an account with a key', () => {
    const noKey = encodeFrame({ token: 'SIA-DCS', sequence: 5, account: 'F0', data: 'NMA1', key: KEY, timestamp: now });
    expect(evaluateFrame(noKey, keys, now)).toMatchObject({
      ok: false,
      error: { reply: 'duh', error: { code: 'unknown-key' }, header: { sequence: '0005', account: 'F0' } },
    });
    const plain = encodeFrame({ token: 'SIA-DCS', sequence: 5, account: 'E1', data: 'NMA1' });
    expect(evaluateFrame(plain, keys, now)).toMatchObject({ ok: false, error: { reply: 'duh', error: { code: 'encryption-required' } } });
  });

  it('answers DUH, not NAK, to a message from a known account that does not decrypt with its key (DC-09-2013 §5.5.3.3)', () => {
    const wrong = encodeFrame({ token: 'SIA-DCS', sequence: 5, account: 'E1', data: 'NMA1', key: Buffer.alloc(32, 8), timestamp: now });
    expect(evaluateFrame(wrong, keys, now)).toMatchObject({
      ok: false,
      error: { reply: 'duh', error: { code: 'decrypt' }, header: { sequence: '0005', account: 'E1' } },
    });
    // Not hex in whole blocks: nothing to decrypt, the same answer.
    expect(evaluateFrame(wrapMessage('"*SIA-DCS"0005L0#E1[NOTHEX'), keys, now)).toMatchObject({ ok: false, error: { reply: 'duh', error: { code: 'decrypt' } } });
  });

  it('NAKs an encrypted message without a timestamp (§5.5.1.8)', () => {
    const stampless = wrapMessage(`"*SIA-DCS"0005L0#E1[${encryptRegion('NMA1]', KEY)}`);
    expect(evaluateFrame(stampless, keys, now)).toMatchObject({ ok: false, error: { reply: 'nak', error: { code: 'timestamp-missing' } } });
  });

  const valid = encodeFrame({ token: 'ADM-CID', sequence: 9, line: '0', account: '1234', data: '#1234|1101 01 001' }).toString('latin1');
  it.each([
    ['a bad CRC', valid.slice(0, 1) + (valid[1] === 'F' ? 'E' : 'F') + valid.slice(2), 'crc'],
    ['a length that does not match', valid.slice(0, 5) + '0FFF' + valid.slice(9), 'length'],
    ['a length field that is not hex', valid.slice(0, 5) + '0X1G' + valid.slice(9), 'length'],
    ['a length field that is not 0LLL', valid.slice(0, 5) + '1' + valid.slice(6), 'length'],
    ['no CR', valid.slice(0, -1), 'framing'],
    ['garbage between LF and CR', '\nhello\r', 'framing'],
    ['a fragment too short for a frame', '\n0000XYZ\r', 'framing'],
  ])('sends no reply to a frame with %s (SIA DC-09-2007 App. C.2.3.5)', (_name, input, code) => {
    const result = evaluateFrame(input, keys, now);
    expect(result).toMatchObject({ ok: false, error: { reply: 'none', error: { code } } });
    expect(isNoise(result)).toBe(true);
  });

  it('sends no reply to a frame whose CRC holds but whose header or data field does not parse, and does not call it noise', () => {
    for (const message of ['"SIA-DCS"12L0#1234[]', '"SIA-DCS"0001L0#1234[abc', '"SIA-DCS"0001L0#1234[abc]xyz']) {
      const result = evaluateFrame(wrapMessage(message), keys, now);
      expect(result).toMatchObject({ ok: false, error: { reply: 'none' } });
      expect(isNoise(result)).toBe(false);
    }
  });

  it('sends no reply to random bytes, whatever they are', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const result = evaluateFrame(Buffer.concat([Buffer.from([0x0a]), bytes, Buffer.from([0x0d])]), keys, now);
        expect(result.ok).toBe(false);
        expect(!result.ok && result.error.reply).toBe('none');
      }),
      { numRuns: 1000 },
    );
  });

  it('answers DUH for an unknown token and for a message without an account, nothing for a stray reply', () => {
    const other = encodeFrame({ token: 'SIA-DCX', sequence: 1, account: '12', data: '' });
    expect(evaluateFrame(other, keys, now)).toMatchObject({ ok: false, error: { reply: 'duh' } });
    const ack = encodeFrame({ token: 'ACK', sequence: 1, account: '12' });
    expect(evaluateFrame(ack, keys, now)).toMatchObject({ ok: false, error: { reply: 'none' } });
    expect(isNoise(evaluateFrame(ack, keys, now))).toBe(false);
    const noAccount = encodeFrame({ token: 'SIA-DCS', sequence: 1, data: 'NMA1' });
    expect(evaluateFrame(noAccount, keys, now)).toMatchObject({ ok: false, error: { reply: 'duh', error: { code: 'header' }, header: { sequence: '0001' } } });
  });

  it('does not call an accepted frame noise', () => {
    expect(isNoise(evaluateFrame(valid, keys, now))).toBe(false);
  });
});
