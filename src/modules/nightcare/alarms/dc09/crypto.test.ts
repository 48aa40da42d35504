import { describe, expect, it } from 'vitest';
import { cbcDecrypt, cbcEncrypt, decryptRegion, encryptRegion, makePad } from './crypto.js';
import { PYSIAALARM_KEY, PYSIAALARM_MESSAGES } from './vectors.js';

const seq = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => i));
const PLAIN = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

describe('AES-CBC with zero IV', () => {
  // FIPS-197 Appendix C: one block with a zero IV is the bare cipher, so the known answers apply.
  it.each([
    [16, '69c4e0d86a7b0430d8cdb78070b4c55a'],
    [24, 'dda97ca4864cdfe06eaf70a0ec0d7191'],
    [32, '8ea2b7ca516745bfeafc49904b496089'],
  ])('matches the FIPS-197 known answer for a %i-byte key', (bytes, expected) => {
    expect(cbcEncrypt(PLAIN, seq(bytes)).toString('hex')).toBe(expected);
    expect(cbcDecrypt(Buffer.from(expected, 'hex'), seq(bytes)).equals(PLAIN)).toBe(true);
  });

  it('decrypts pysiaalarm\'s encrypted NULL vector with its test key', () => {
    const [, message] = PYSIAALARM_MESSAGES[2] ?? ['', ''];
    const hex = message.slice(message.indexOf('[') + 1);
    const plain = decryptRegion(hex, PYSIAALARM_KEY);
    expect(plain).toEqual({ ok: true, value: ']_18:24:52,07-05-2020' });
  });

  it('reports a typed error for a wrong key, odd hex or a bad key size', () => {
    const [, message] = PYSIAALARM_MESSAGES[2] ?? ['', ''];
    const hex = message.slice(message.indexOf('[') + 1);
    expect(decryptRegion(hex, Buffer.alloc(16, 1)).ok).toBe(false);
    expect(decryptRegion('ABC', PYSIAALARM_KEY)).toMatchObject({ ok: false, error: { code: 'decrypt' } });
    expect(decryptRegion(hex, Buffer.alloc(15))).toMatchObject({ ok: false, error: { code: 'decrypt' } });
  });

  it('reports a wrong key as a decrypt error whatever the random pad, never as decrypted text', () => {
    const region = 'NMA1]_02:00:00,06-01-2025';
    for (let i = 0; i < 500; i++) {
      expect(decryptRegion(encryptRegion(region, seq(32)), Buffer.alloc(32, 8))).toMatchObject({ ok: false, error: { code: 'decrypt' } });
    }
  });

  it('pads at the front to a multiple of 16, a full block when already aligned, never | [ ]', () => {
    for (let len = 0; len < 40; len++) {
      const pad = makePad(len);
      expect((pad.length + len) % 16).toBe(0);
      expect(pad.length).toBeGreaterThanOrEqual(1);
      expect(pad).not.toMatch(/[|[\]]/);
    }
    expect(makePad(32).length).toBe(16);
  });

  it.each([16, 24, 32])('round-trips a region with a %i-byte key', (bytes) => {
    const key = seq(bytes);
    const region = '#1234|Nri1/MA001]_12:00:00,01-01-2025';
    expect(decryptRegion(encryptRegion(region, key), key)).toEqual({ ok: true, value: region });
  });
});
