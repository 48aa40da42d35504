/**
 * Mail's light door, for main.ts before the DC-09 receiver listens: the mailer without the outbox's
 * routes, which load authentication (password hashing, TOTP) and would delay a restarted receiver.
 */
export { createMailer, type Mailer } from './mailer.js';
