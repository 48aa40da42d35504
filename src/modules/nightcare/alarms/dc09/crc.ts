/**
 * DC-09 CRC: CRC-16/ARC (polynomial x^16 + x^15 + x^2 + 1, 0x8005 reflected = 0xA001, initial value 0),
 * computed over the bytes from the opening '"' of the id token through the last timestamp character.
 * The same algorithm as the SIA DC-07/DC-09 reference code and the public implementations we test against.
 */
const TABLE: Uint16Array = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    table[n] = c;
  }
  return table;
}

export function crc16(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  let crc = 0;
  for (const byte of bytes) crc = (crc >>> 8) ^ (TABLE[(crc ^ byte) & 0xff] ?? 0);
  return crc;
}

/** Four upper-case hex digits, as the frame carries it. */
export function crcHex(data: Uint8Array | string): string {
  return crc16(data).toString(16).toUpperCase().padStart(4, '0');
}
