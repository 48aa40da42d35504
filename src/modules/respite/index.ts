export { respitePlugin } from './plugin.js';
export type { Notify, RespiteOptions, RespiteTemplate } from './deps.js';
export { expandSeries } from './booking/series.js';
