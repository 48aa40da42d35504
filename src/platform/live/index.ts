export { ChannelHub, notifyChannel, RESYNC_EVENT } from './channel-hub.js';
export { openEventStream, type EventStreamOptions } from './event-stream.js';
