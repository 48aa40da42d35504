import { describe, expect, it } from 'vitest';
import { crc16, crcHex } from './crc.js';
import { FIOLETOVEN_EMPTY, FIOLETOVEN_FULL, FIOLETOVEN_NAK, PYSIAALARM_MESSAGES } from './vectors.js';

describe('crc16 (CRC-16/ARC)', () => {
  it('gives the catalogued check value for "123456789"', () => {
    // CRC-16/ARC check value from the CRC RevEng catalogue.
    expect(crc16('123456789')).toBe(0xbb3d);
    expect(crc16('')).toBe(0);
  });

  it.each([FIOLETOVEN_FULL, FIOLETOVEN_EMPTY, FIOLETOVEN_NAK])('matches the CRC of fioletoven/dc09 frame %j', (frame) => {
    expect(crcHex(frame.slice(9, -1))).toBe(frame.slice(1, 5));
  });

  it.each(PYSIAALARM_MESSAGES)('matches pysiaalarm published CRC %s', (crc, message) => {
    expect(crcHex(message)).toBe(crc);
  });
});
