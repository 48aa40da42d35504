import { CR, LF, MAX_FRAME_BYTES } from './frame.js';

export type FramerOutput = { readonly kind: 'frame'; readonly bytes: Buffer } | { readonly kind: 'oversize' };

/**
 * Splits a TCP byte stream into LF ... CR frames. Bytes outside a frame are dropped (line noise, or a
 * client that is not speaking DC-09). A frame that reaches `maxFrameBytes` without its CR is dropped
 * and reported once as 'oversize', and the framer resynchronises on the next LF. A new LF inside an
 * unfinished frame starts over there: DC-09 frames never contain LF or CR (data is ASCII, encrypted
 * data is hex), so the earlier bytes were a truncated frame. The buffer never exceeds maxFrameBytes.
 */
export class Dc09Framer {
  private buffer: Buffer = Buffer.alloc(0);
  private discarding = false;

  constructor(private readonly maxFrameBytes: number = MAX_FRAME_BYTES) {}

  push(chunk: Uint8Array): FramerOutput[] {
    const out: FramerOutput[] = [];
    let data = this.buffer.length > 0 ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    this.buffer = Buffer.alloc(0);
    while (data.length > 0) {
      const start = data.indexOf(LF);
      if (this.discarding) {
        // Skipping an oversize frame: everything up to its CR or the next LF is dropped.
        const cr = data.indexOf(CR);
        const resume = cr >= 0 && (start < 0 || cr < start) ? cr + 1 : start;
        if (resume < 0) return out;
        this.discarding = false;
        data = data.subarray(resume);
        continue;
      }
      if (start < 0) return out;
      data = data.subarray(start);
      const nextLf = data.indexOf(LF, 1);
      const end = data.indexOf(CR);
      if (end >= 0 && (nextLf < 0 || end < nextLf)) {
        if (end + 1 > this.maxFrameBytes) out.push({ kind: 'oversize' });
        else out.push({ kind: 'frame', bytes: Buffer.from(data.subarray(0, end + 1)) });
        data = data.subarray(end + 1);
      } else if (nextLf >= 0) {
        data = data.subarray(nextLf);
      } else if (data.length >= this.maxFrameBytes) {
        out.push({ kind: 'oversize' });
        this.discarding = true;
        data = data.subarray(data.length);
      } else {
        this.buffer = Buffer.from(data);
        return out;
      }
    }
    return out;
  }
}
