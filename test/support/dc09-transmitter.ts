import { connect } from 'node:net';
import { Dc09Framer, encodeFrame, parseReply, type ParsedReply } from '../../src/modules/nightcare/index.js';

let sequence = 0;

/**
 * Sends one Contact ID frame over TCP to the receiver on `port`, as a transmitter does (encrypted with
 * `key` when given), and reads the reply (decrypted with `replyKey`). Fails after 3 s without a reply.
 */
export async function transmitContactId(port: number, account: string, options: { key?: Buffer; replyKey?: Buffer } = {}): Promise<ParsedReply> {
  const frame = encodeFrame({ token: 'ADM-CID', sequence: ++sequence, line: '0', account, data: `#${account}|1101 01 001`, timestamp: new Date(), ...(options.key && { key: options.key }) });
  const socket = connect(port, '127.0.0.1');
  try {
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      const framer = new Dc09Framer();
      const timer = setTimeout(() => reject(new Error('no reply')), 3000);
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        const reply = framer.push(chunk).find((item) => item.kind === 'frame');
        if (reply) {
          clearTimeout(timer);
          resolve(reply.bytes);
        }
      });
      socket.write(frame);
    });
    const parsed = parseReply(bytes, options.replyKey);
    if (!parsed.ok) throw new Error(`unreadable reply: ${parsed.error.detail}`);
    return parsed.value;
  } finally {
    socket.destroy();
  }
}
