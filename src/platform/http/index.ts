export * from './errors.js';
export { installErrorHandler } from './error-handler.js';
export { answer } from './answer.js';
export { singleLine, multiLine } from './text.js';
export { installCrossSiteGuard } from './cross-site.js';
export { installSecurityHeaders } from './security-headers.js';
