import { z } from 'zod';

/**
 * The one family of text inputs. PostgreSQL refuses NUL in text (a 500 if it gets that far), and other
 * control characters have no place in what people type: they come from broken clients or from attempts
 * to smuggle terminal escapes into exports. A lone UTF-16 surrogate cannot be stored as UTF-8 and would
 * be replaced silently, so it is refused too. Bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) are refused as invisible characters: they make a name or note display
 * in an order other than the one stored ("Trojan Source"), which misleads whoever reads an export or
 * the audit log; the marks people do need in right-to-left text (U+200E, U+200F) stay allowed. The
 * Unicode line and paragraph separators (U+2028, U+2029) are refused too: they break lines in some
 * viewers and not in others, and a line break is typed as one. Every text field, query string and header that reaches
 * the database goes through `singleLine` or `multiLine`; fields held to a pattern of their own (phone,
 * postcode, alarm account, TOTP code) already refuse all of these, and passwords are only ever hashed.
 */
const CONTROL_OR_INVISIBLE = /[^\P{Cc}\t\n\r]|[\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;
const LINE_BREAK = /[\t\n\r]/;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Each refusal carries its own issue code (`params.code`), which the error handler reports as the
 * field's code, so the web app can say exactly what is wrong ("contains invisible characters").
 */
const refusal = (code: 'control_character' | 'line_break' | 'not_unicode', message: string) => ({ message, params: { code } });

/** A note, a summary, an instruction: tabs and line breaks allowed, other control characters refused; trimmed. */
export const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => !LONE_SURROGATE.test(s), refusal('not_unicode', 'The text is not valid Unicode'))
    .refine((s) => !CONTROL_OR_INVISIBLE.test(s), refusal('control_character', 'Control characters (such as NUL) are not allowed in this field'))
    .max(max);

/** A name, a code, a search term: one line, trimmed, at most `max` characters. */
export const singleLine = (max: number) => multiLine(max).refine((s) => !LINE_BREAK.test(s), refusal('line_break', 'Use a single line, without tabs or line breaks'));
