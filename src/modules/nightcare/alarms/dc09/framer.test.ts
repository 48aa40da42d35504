import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from './frame.js';
import { Dc09Framer, type FramerOutput } from './framer.js';

const frame = (n: number): Buffer => encodeFrame({ token: 'SIA-DCS', sequence: n, line: '0', account: '1234', data: `#1234|Nri1/MA00${n % 10}` });
const frames = (out: FramerOutput[]): string[] => out.flatMap((o) => (o.kind === 'frame' ? [o.bytes.toString('latin1')] : []));

describe('Dc09Framer', () => {
  it('returns several frames from one chunk and skips noise between them', () => {
    const framer = new Dc09Framer();
    const out = framer.push(Buffer.concat([Buffer.from('noise'), frame(1), Buffer.from('\r\r junk '), frame(2)]));
    expect(frames(out)).toEqual([frame(1).toString('latin1'), frame(2).toString('latin1')]);
  });

  it('reassembles frames split at any byte boundaries', () => {
    const stream = Buffer.concat([frame(1), frame(2), frame(3)]);
    fc.assert(
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 10 }), (cuts) => {
        const points = [...new Set([0, ...cuts, stream.length])].sort((a, b) => a - b);
        const framer = new Dc09Framer();
        const out: FramerOutput[] = [];
        for (let i = 1; i < points.length; i++) out.push(...framer.push(stream.subarray(points[i - 1], points[i])));
        expect(frames(out)).toEqual([1, 2, 3].map((n) => frame(n).toString('latin1')));
      }),
    );
  });

  it('restarts at a new LF when a frame was cut short', () => {
    const framer = new Dc09Framer();
    const out = framer.push(Buffer.concat([frame(1).subarray(0, 12), frame(2)]));
    expect(frames(out)).toEqual([frame(2).toString('latin1')]);
  });

  it('drops an oversize frame once and recovers on the next frame', () => {
    const framer = new Dc09Framer(64);
    const out = [...framer.push(Buffer.from(`\n${'A'.repeat(100)}`)), ...framer.push(Buffer.from(`${'B'.repeat(500)}\r`))];
    expect(out).toEqual([{ kind: 'oversize' }]);
    const small = encodeFrame({ token: 'NULL', sequence: 1, account: '1' });
    expect(framer.push(small)).toEqual([{ kind: 'frame', bytes: small }]);
  });

  it('never holds more than the limit while no LF comes', () => {
    const framer = new Dc09Framer(64);
    for (let i = 0; i < 100; i++) expect(framer.push(Buffer.alloc(1000, 0x41))).toEqual([]);
    expect(frames(framer.push(frame(1)))).toEqual([frame(1).toString('latin1')]);
  });
});
