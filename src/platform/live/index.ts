export { ChannelHub, notifyChannel, RESYNC_EVENT } from './channel-hub.js';
