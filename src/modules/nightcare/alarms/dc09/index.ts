// The DC-09 codec and receiver: pure parsing/encoding, plus TCP/UDP servers with no database.
export { crc16, crcHex } from './crc.js';
export { cbcDecrypt, cbcEncrypt, decryptRegion, encryptRegion, isValidKey, makePad } from './crypto.js';
export type { Dc09Error, Dc09ErrorCode, Result } from './errors.js';
export { decodeEvents } from './events.js';
export {
  encodeFrame,
  MAX_FRAME_BYTES,
  openFrame,
  parseContent,
  parseFrame,
  wrapMessage,
  type Dc09Content,
  type Dc09Frame,
  type Dc09Header,
  type Dc09Message,
  type EncodeFrameInput,
} from './frame.js';
export { Dc09Framer, type FramerOutput } from './framer.js';
export { checkTimestamp, evaluateFrame, SUPPORTED_TOKENS, type Accepted, type KeyLookup, type Rejected } from './intake.js';
export { CLIMAX_PERS_OVERRIDES, contactIdReason, formatContactId, parseContactId } from './contact-id.js';
export type { AlarmEvent, AlarmReason, EventQualifier, ReasonOverrides } from './reasons.js';
export { buildAck, buildDuh, buildNak, parseReply, type ParsedReply, type ReplyKind } from './reply.js';
export { parseSiaData, siaQualifier, siaReason } from './sia-codes.js';
export { startReceiver, type Dc09Intake, type Dc09Receiver, type ReceiverOptions, type ReceiverProblem } from './receiver.js';
export { formatTimestamp, isWithinWindow, parseTimestamp, WINDOW_AHEAD_MS, WINDOW_BEHIND_MS } from './timestamp.js';
