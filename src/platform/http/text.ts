import { z } from 'zod';

/**
 * The one family of text inputs. PostgreSQL refuses NUL in text (a 500 if it gets that far), and other
 * control characters have no place in what people type: they come from broken clients or from attempts
 * to smuggle terminal escapes into exports. A lone UTF-16 surrogate cannot be stored as UTF-8 and would
 * be replaced silently, so it is refused too. Every text field, query string and header that reaches
 * the database goes through `singleLine` or `multiLine`; fields held to a pattern of their own (phone,
 * postcode, alarm account, TOTP code) already refuse all of these, and passwords are only ever hashed.
 */
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;
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
    .refine((s) => !CONTROL_BUT_LINE_BREAKS.test(s), refusal('control_character', 'Control characters (such as NUL) are not allowed in this field'))
    .max(max);

/** A name, a code, a search term: one line, trimmed, at most `max` characters. */
export const singleLine = (max: number) => multiLine(max).refine((s) => !LINE_BREAK.test(s), refusal('line_break', 'Use a single line, without tabs or line breaks'));
