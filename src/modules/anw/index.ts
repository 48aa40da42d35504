export { anwPlugin, ANW_PREFIX } from './plugin.js';
