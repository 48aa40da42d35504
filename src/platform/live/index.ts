export { ChannelHub, notifyChannel } from './channel-hub.js';
