import { describe, expect, it } from 'vitest';
import { encodeFrame, wrapMessage } from './frame.js';
import { evaluateFrame } from './intake.js';
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

  it('NAKs a wrong key and a missing timestamp on an encrypted message', () => {
    const wrong = encodeFrame({ token: 'SIA-DCS', sequence: 5, account: 'E1', data: 'NMA1', key: Buffer.alloc(32, 8), timestamp: now });
    expect(evaluateFrame(wrong, keys, now)).toMatchObject({ ok: false, error: { reply: 'nak', error: { code: 'decrypt' } } });
  });

  it('answers DUH for an unknown token, nothing for a stray reply, NAK for garbage', () => {
    const other = encodeFrame({ token: 'SIA-DCX', sequence: 1, account: '12', data: '' });
    expect(evaluateFrame(other, keys, now)).toMatchObject({ ok: false, error: { reply: 'duh' } });
    const ack = encodeFrame({ token: 'ACK', sequence: 1, account: '12' });
    expect(evaluateFrame(ack, keys, now)).toMatchObject({ ok: false, error: { reply: 'none' } });
    expect(evaluateFrame('\nhello\r', keys, now)).toMatchObject({ ok: false, error: { reply: 'nak' } });
    const noAccount = encodeFrame({ token: 'SIA-DCS', sequence: 1, data: 'NMA1' });
    expect(evaluateFrame(noAccount, keys, now)).toMatchObject({ ok: false, error: { reply: 'nak', error: { code: 'header' } } });
  });
});
