/**
 * The HTTP platform's light door: the typed errors alone, for code that also runs before the web server
 * is loaded (the DC-09 receiver's path, and the access decisions it makes). index.ts adds the error
 * handler and the response helpers, which load the zod type provider.
 */
export * from './errors.js';
