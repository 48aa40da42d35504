export * from './errors.js';
export { installErrorHandler } from './error-handler.js';
