/**
 * Frames for the DC-09 fuzzer: valid frames of every shape the receiver meets (SIA-DCS, ADM-CID, NULL,
 * plain and AES-encrypted, with and without receiver/line/extended fields and timestamps), and mutations
 * of them. Half of the mutations re-seal the frame (fresh length and CRC) so they reach the header,
 * decryption and event parsers instead of stopping at the CRC check. Deterministic for a seed.
 */
import { dc09Codec } from '../src/modules/nightcare/index.js';
import { seededRandom } from '../src/seed/demo-data.js';

export const FUZZ_KEY = Buffer.from('000102030405060708090A0B0C0D0E0F', 'hex');
/** Accounts whose alarms are encrypted with FUZZ_KEY; the others send plain text. */
export const encryptedAccount = (account: string): boolean => account.endsWith('E');
export const fuzzKeys = (account: string): Uint8Array | undefined => (encryptedAccount(account) ? FUZZ_KEY : undefined);

export type FuzzFrame =
  | { readonly kind: 'valid'; readonly bytes: Buffer }
  /** One flipped bit that changes the frame, CRC not recomputed: the CRC-16 must catch it. */
  | { readonly kind: 'bit-flip'; readonly bytes: Buffer }
  | { readonly kind: 'mutated'; readonly bytes: Buffer };

const SIA_EVENTS = ['Nri1/MA001', 'Nri0/YT000', 'Nri1/FA002', 'Nri1/MA001/QA', 'Nri2/HA003^hoek^'];
const CID_EVENTS = ['1101 01 001', '1100 01 002', '1302 00 000', '3101 01 001', '1602 00 000'];
const ALPHABET = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\n\r\x00\xff';

export function frameGenerator(seed: number, now: () => Date) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const hex = (min: number, max: number) => {
    let s = '';
    for (let i = 0, n = min + int(max - min + 1); i < n; i++) s += '0123456789ABCDEF'[int(16)];
    return s;
  };

  function validFrame(): Buffer {
    const token = pick(['SIA-DCS', 'SIA-DCS', 'ADM-CID', 'ADM-CID', 'NULL'] as const);
    const account = hex(3, 15) + (random() < 0.3 ? 'E' : '1');
    const data = token === 'NULL' ? '' : `#${account}|${token === 'SIA-DCS' ? pick(SIA_EVENTS) : pick(CID_EVENTS)}`;
    const encrypted = encryptedAccount(account);
    return dc09Codec.encodeFrame({
      token,
      sequence: int(10_000),
      ...(random() < 0.5 && { receiver: hex(1, 6) }),
      ...(random() < 0.5 && { line: hex(1, 6) }),
      account,
      data,
      ...(random() < 0.3 && { extended: [`X${int(180)}E${int(90)}`, `H${hex(2, 8)}`] }),
      ...((encrypted || random() < 0.5) && { timestamp: new Date(now().getTime() - int(10_000)) }),
      ...(encrypted && { key: FUZZ_KEY }),
    });
  }

  /** Replaces a frame's length and CRC to fit its (mutated) message, when it still has the shape for it. */
  function reseal(bytes: Buffer): Buffer {
    const text = bytes.toString('latin1');
    const quote = text.indexOf('"');
    if (quote < 0) return bytes;
    const message = text.slice(quote).replace(/\r$/, '').replace(/[\r\n]/g, ' ');
    if (message.length === 0 || message.length > dc09Codec.MAX_FRAME_BYTES - 10) return bytes;
    return dc09Codec.wrapMessage(message);
  }

  function mutate(original: Buffer): Buffer {
    let bytes = Buffer.from(original);
    for (let i = 0, n = 1 + int(4); i < n; i++) {
      const at = int(bytes.length);
      switch (int(7)) {
        case 0: // flip a bit
          bytes[at] = (bytes[at] ?? 0) ^ (1 << int(8));
          break;
        case 1: // truncate
          bytes = bytes.subarray(0, at);
          break;
        case 2: // insert random characters
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(Array.from({ length: 1 + int(8) }, () => pick([...ALPHABET])).join(''), 'latin1'), bytes.subarray(at)]);
          break;
        case 3: // delete a run
          bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + int(8))]);
          break;
        case 4: // repeat a run, up to an oversize frame
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(int(4) === 0 ? 5_000 : 1 + int(64), bytes.subarray(at, at + 4).length > 0 ? bytes.subarray(at, at + 4) : 'A'), bytes.subarray(at)]);
          break;
        case 5: // a structural character where it does not belong
          bytes[at] = pick([0x22, 0x23, 0x5b, 0x5d, 0x5f, 0x7c, 0x2a, 0x5e, 0x2f]);
          break;
        default: // pure noise
          bytes = Buffer.from(Array.from({ length: int(64) }, () => int(256)));
      }
    }
    return random() < 0.5 ? reseal(bytes) : bytes;
  }

  return function next(): FuzzFrame {
    const frame = validFrame();
    const roll = random();
    if (roll < 0.3) return { kind: 'valid', bytes: frame };
    if (roll < 0.4) {
      const flipped = Buffer.from(frame);
      const at = 1 + int(flipped.length - 2);
      // CRC and length (bytes 1-8) are hex read without regard to case: bit 5 there turns 'A' into 'a',
      // the same frame. Everywhere else any of the seven ASCII bits changes what the frame says.
      const bit = at <= 8 ? pick([0, 1, 2, 3, 4, 6]) : int(7);
      flipped[at] = (flipped[at] ?? 0) ^ (1 << bit);
      return { kind: 'bit-flip', bytes: flipped };
    }
    return { kind: 'mutated', bytes: mutate(frame) };
  };
}
