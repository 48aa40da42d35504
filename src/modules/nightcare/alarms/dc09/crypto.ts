import { createCipheriv, createDecipheriv, randomInt } from 'node:crypto';
import { fail, ok, type Result } from './errors.js';

/**
 * DC-09-2013 §5.4.4 and §5.4.6: AES in CBC mode with an all-zero initialisation vector and the account's
 * 128-, 192- or 256-bit key. The encrypted region starts right after the '[' that opens the data field and
 * runs through the last timestamp character; it is pad + '|' + data + ']' + extended data + '_' + timestamp,
 * padded at the front to a multiple of 16 bytes, and travels as upper-case hex.
 */
const BLOCK = 16;
const ZERO_IV = Buffer.alloc(BLOCK);

export function isValidKey(key: Uint8Array): boolean {
  return key.length === 16 || key.length === 24 || key.length === 32;
}

function algorithm(key: Uint8Array): string {
  return `aes-${key.length * 8}-cbc`;
}

/**
 * DC-09-2013 §5.4.4.2-3: 1..16 pad bytes so the region is a multiple of 16 (a region already a multiple
 * gets a full 16), pseudo-random, never '|', '[' or ']'. We draw printable ASCII so a decrypted message
 * stays readable in logs; the standard allows any byte except those three.
 */
export function makePad(regionLength: number, random: () => number = defaultRandomChar): string {
  const count = BLOCK - (regionLength % BLOCK);
  let pad = '';
  while (pad.length < count) {
    const c = random();
    if (c >= 0x21 && c <= 0x7e && c !== 0x7c && c !== 0x5b && c !== 0x5d) pad += String.fromCharCode(c);
  }
  return pad;
}

function defaultRandomChar(): number {
  return randomInt(0x21, 0x7f);
}

/** AES-CBC with the zero IV over whole blocks, no padding scheme (the pad is DC-09's own). */
export function cbcEncrypt(plain: Uint8Array, key: Uint8Array): Buffer {
  const cipher = createCipheriv(algorithm(key), key, ZERO_IV).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

export function cbcDecrypt(encrypted: Uint8Array, key: Uint8Array): Buffer {
  const decipher = createDecipheriv(algorithm(key), key, ZERO_IV).setAutoPadding(false);
  return Buffer.concat([decipher.update(encrypted), decipher.final()]);
}

/** Encrypts `region` (everything after '[' without the pad) and returns the hex text that follows '['. */
export function encryptRegion(region: string, key: Uint8Array, pad: string = makePad(region.length + 1)): string {
  if (!isValidKey(key)) throw new RangeError('DC-09 keys are 16, 24 or 32 bytes');
  const plain = Buffer.from(`${pad}|${region}`, 'latin1');
  if (plain.length % BLOCK !== 0) throw new RangeError('pad does not fill the region to a multiple of 16');
  return cbcEncrypt(plain, key).toString('hex').toUpperCase();
}

/**
 * Decrypts the hex region and strips the pad. Returns the text after the pad: data, ']', extended data,
 * '_' and timestamp. The pad ends at the first '|' (§5.4.4.3). Some transmitters omit that '|' when the
 * data is empty (the encrypted NULL vector from pysiaalarm: "ppppppppppp]_18:24:52,07-05-2020"), so with
 * no '|' ahead of the first ']' the pad runs up to that ']' and the data is empty.
 */
export function decryptRegion(hex: string, key: Uint8Array): Result<string> {
  if (!isValidKey(key)) return fail('decrypt', `key of ${key.length} bytes; DC-09 keys are 16, 24 or 32 bytes`);
  if (hex.length === 0 || hex.length % (BLOCK * 2) !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) {
    return fail('decrypt', 'encrypted region is not hex in whole 16-byte blocks');
  }
  const plain = cbcDecrypt(Buffer.from(hex, 'hex'), key).toString('latin1');
  const bar = plain.indexOf('|');
  const close = plain.indexOf(']');
  const padEnd = bar >= 0 && (close < 0 || bar < close) ? bar : close;
  // A wrong key turns the region into random bytes, where one of 32 bytes is '|' or ']' one time in five.
  // The pad is at most 16 bytes, and what follows it is DC-09's ASCII data, extended data and timestamp;
  // random bytes meet both rules fewer than once in a hundred million times for a region of two blocks.
  if (padEnd < 0 || padEnd > BLOCK) return fail('decrypt', 'no pad terminator in the first block after decryption (wrong key?)');
  const text = padEnd === bar ? plain.slice(bar + 1) : plain.slice(close);
  if (!PRINTABLE_ASCII.test(text)) return fail('decrypt', 'decrypted text is not printable ASCII (wrong key?)');
  return ok(text);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
