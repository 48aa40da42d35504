import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, openFrame, parseFrame, wrapMessage } from './frame.js';
import {
  FIOLETOVEN_EMPTY,
  FIOLETOVEN_FULL,
  FIOLETOVEN_NAK,
  PYSIAALARM_ADM_CID,
  PYSIAALARM_ADM_CID_FIXED,
  PYSIAALARM_KEY,
  PYSIAALARM_MESSAGES,
  PYSIAALARM_PANEL_MESSAGES,
} from './vectors.js';

const KNOWN_ERRORS = ['framing', 'length', 'crc', 'header', 'body'];

describe('parseFrame', () => {
  it('parses the fioletoven/dc09 frame with receiver, line and account in the data', () => {
    const frame = parseFrame(FIOLETOVEN_FULL);
    expect(frame).toMatchObject({
      ok: true,
      value: { token: 'SIA-DCS', encrypted: false, sequence: '0001', receiver: 'F3', line: '77', account: '1234' },
    });
    const message = frame.ok ? openFrame(frame.value, undefined) : frame;
    expect(message).toMatchObject({ ok: true, value: { data: 'NRR|Atest', dataAccount: '1234', extended: [] } });
  });

  it('parses an empty data field and the NAK with A0 instead of an account', () => {
    expect(parseFrame(FIOLETOVEN_EMPTY)).toMatchObject({ ok: true, value: { line: '0', account: '1234' } });
    const nak = parseFrame(FIOLETOVEN_NAK);
    expect(nak).toMatchObject({ ok: true, value: { token: 'NAK', sequence: '0000', receiver: '0', line: '0' } });
    expect(nak.ok && nak.value.account).toBeUndefined();
  });

  it('parses real panel messages from pysiaalarm, including #acct only in the data field', () => {
    const closing = parseFrame(wrapMessage(PYSIAALARM_PANEL_MESSAGES.closing));
    expect(closing).toMatchObject({ ok: true, value: { account: '123456', content: { data: 'Nri1CL0^VX FRONTE ^' } } });
    const opening = parseFrame(wrapMessage(PYSIAALARM_PANEL_MESSAGES.opening));
    expect(opening).toMatchObject({ ok: true, value: { receiver: '0001', line: '0001', account: '006969' } });
    const cl = parseFrame(wrapMessage(PYSIAALARM_MESSAGES[0]?.[1] ?? ''));
    expect(cl).toMatchObject({ ok: true, value: { content: { data: 'Nri1/CL501' } } });
    expect(cl.ok && cl.value.body === 'plain' && cl.value.content.timestamp?.toISOString()).toBe('2019-09-25T14:12:04.000Z');
  });

  it('refuses pysiaalarm\'s ADM-CID vector with a cut timestamp, and reads the repaired one', () => {
    expect(parseFrame(wrapMessage(PYSIAALARM_ADM_CID))).toMatchObject({ ok: false, error: { code: 'body' } });
    expect(parseFrame(wrapMessage(PYSIAALARM_ADM_CID_FIXED))).toMatchObject({
      ok: true,
      value: { token: 'ADM-CID', receiver: '579BDF', line: '789ABC', account: '12345A', content: { data: '1110 00 129' } },
    });
  });

  it('opens the encrypted NULL vector with the pysiaalarm test key', () => {
    const frame = parseFrame(wrapMessage(PYSIAALARM_MESSAGES[2]?.[1] ?? ''));
    expect(frame).toMatchObject({ ok: true, value: { token: 'NULL', encrypted: true, account: 'AAAB', body: 'encrypted' } });
    const message = frame.ok ? openFrame(frame.value, PYSIAALARM_KEY) : frame;
    expect(message).toMatchObject({ ok: true, value: { data: '', extended: [] } });
    expect(message.ok && message.value.timestamp?.toISOString()).toBe('2020-07-05T18:24:52.000Z');
    expect(frame.ok && openFrame(frame.value, undefined)).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
  });

  it.each([
    ['no LF', FIOLETOVEN_EMPTY.slice(1), 'framing'],
    ['no CR', FIOLETOVEN_EMPTY.slice(0, -1), 'framing'],
    ['wrong CRC', FIOLETOVEN_EMPTY.replace('96ED', '96EE'), 'crc'],
    ['wrong length', FIOLETOVEN_EMPTY.replace('0016', '0017'), 'length'],
    ['length not 0LLL', FIOLETOVEN_EMPTY.replace('0016', '1016'), 'length'],
    ['bad header', wrapMessage('"SIA-DCS"12L0#1234[]').toString('latin1'), 'header'],
    ['no closing bracket', wrapMessage('"SIA-DCS"0001L0#1234[abc').toString('latin1'), 'body'],
    ['junk after data', wrapMessage('"SIA-DCS"0001L0#1234[abc]xyz').toString('latin1'), 'body'],
  ])('refuses a frame with %s as %s', (_name, input, code) => {
    expect(parseFrame(input)).toMatchObject({ ok: false, error: { code } });
  });

  it('returns a typed error, never throws, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = parseFrame(bytes);
        if (!result.ok) expect(KNOWN_ERRORS).toContain(result.error.code);
      }),
      { numRuns: 2000 },
    );
  });

  it('never reads a different message out of a corrupted frame', () => {
    const valid = encodeFrame({ token: 'SIA-DCS', sequence: 7, line: '0', account: '1234', data: '#1234|Nri1/MA001', timestamp: new Date(0) });
    const original = parseFrame(valid);
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const copy = Buffer.from(valid);
        copy[at] = byte;
        const result = parseFrame(copy);
        // Hex fields (crc, length) read either case, so flipping the case of a hex digit is the same frame.
        if (result.ok) expect(result).toEqual(original);
        else expect(KNOWN_ERRORS).toContain(result.error.code);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the crc and length fields in either case', () => {
    const valid = encodeFrame({ token: 'SIA-DCS', sequence: 7, line: '0', account: '1234', data: '#1234|Nri1/MA001', timestamp: new Date(0) });
    const lower = Buffer.from(valid.toString('latin1').slice(0, 9).toLowerCase() + valid.toString('latin1').slice(9), 'latin1');
    expect(parseFrame(lower)).toEqual(parseFrame(valid));
  });
});

const accountArb = fc.stringMatching(/^[0-9A-F]{3,16}$/);
const dataArb = fc.stringMatching(/^[ -Z\\^-~]{0,60}$/).filter((d) => !d.startsWith('|') && !/^#[0-9A-Za-z]{1,16}\|/.test(d));
const timeArb = fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }).map((s) => new Date(s * 1000));
const keyArb = fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));

describe('encodeFrame → parseFrame', () => {
  it('round-trips plain and encrypted frames', () => {
    fc.assert(
      fc.property(
        fc.record({
          token: fc.constantFrom('SIA-DCS', 'ADM-CID', 'NULL'),
          sequence: fc.integer({ min: 0, max: 9999 }),
          receiver: fc.option(fc.stringMatching(/^[0-9A-F]{1,6}$/), { nil: undefined }),
          line: fc.option(fc.stringMatching(/^[0-9A-F]{1,6}$/), { nil: undefined }),
          account: accountArb,
          data: dataArb,
          extended: fc.array(fc.stringMatching(/^[A-Z][ -Z\\^-~]{0,20}$/), { maxLength: 3 }),
          timestamp: timeArb,
          key: fc.option(keyArb, { nil: undefined }),
        }),
        (input) => {
          const frame = parseFrame(encodeFrame(input));
          expect(frame.ok).toBe(true);
          if (!frame.ok) return;
          const message = openFrame(frame.value, input.key);
          expect(message).toEqual({
            ok: true,
            value: {
              token: input.token,
              encrypted: input.key !== undefined,
              sequence: String(input.sequence).padStart(4, '0'),
              ...(input.receiver !== undefined && { receiver: input.receiver }),
              ...(input.line !== undefined && { line: input.line }),
              account: input.account,
              data: input.data,
              extended: input.extended,
              timestamp: input.timestamp,
            },
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reproduces the fioletoven/dc09 frame byte for byte', () => {
    const frame = encodeFrame({ token: 'SIA-DCS', sequence: 1, receiver: 'F3', line: '77', account: '1234', data: '#1234|NRR|Atest' });
    expect(frame.toString('latin1')).toBe(FIOLETOVEN_FULL);
  });

  it('refuses impossible input with a RangeError', () => {
    expect(() => encodeFrame({ token: 'NULL', sequence: 10000, account: '1' })).toThrow(RangeError);
    expect(() => encodeFrame({ token: 'NULL', sequence: 1, account: '1', key: Buffer.alloc(10) })).toThrow(RangeError);
    expect(() => encodeFrame({ token: 'SIA-DCS', sequence: 1, account: '1', data: 'x'.repeat(5000) })).toThrow(RangeError);
  });
});
