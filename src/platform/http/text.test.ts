import { describe, expect, it } from 'vitest';
import { multiLine, singleLine } from './text.js';

const codes = (result: { success: boolean; error?: { issues: { code: string; params?: { code?: string } }[] } }) =>
  result.error?.issues.map((i) => i.params?.code ?? i.code) ?? [];

describe('text schemas', () => {
  it('trim and keep any printable Unicode, emoji and accents included', () => {
    expect(singleLine(20).parse('  Zoë 👵🏼 Ørsted ')).toBe('Zoë 👵🏼 Ørsted');
    expect(multiLine(40).parse('\n Line one\n\tLine two \n')).toBe('Line one\n\tLine two');
  });

  it('refuse NUL and the other C0 and C1 control characters, also in a multi-line text', () => {
    for (const control of ['\u0000', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009f']) {
      expect(codes(singleLine(20).safeParse(`a${control}b`)), JSON.stringify(control)).toEqual(['control_character']);
      expect(codes(multiLine(20).safeParse(`a${control}b`)), JSON.stringify(control)).toEqual(['control_character']);
    }
  });

  it('refuse bidirectional overrides and isolates and the Unicode line separators, but keep the direction marks', () => {
    for (const invisible of ['\u202a', '\u202e', '\u2066', '\u2069', '\u2028', '\u2029']) {
      expect(codes(singleLine(20).safeParse(`a${invisible}b`)), JSON.stringify(invisible)).toEqual(['control_character']);
      expect(codes(multiLine(20).safeParse(`a${invisible}b`)), JSON.stringify(invisible)).toEqual(['control_character']);
    }
    expect(singleLine(20).parse('\u0633\u0627\u0631\u0629\u200f 12')).toBe('\u0633\u0627\u0631\u0629\u200f 12');
  });

  it('allow tabs and line breaks only in a multi-line text', () => {
    expect(multiLine(20).safeParse('a\r\nb\tc').success).toBe(true);
    expect(codes(singleLine(20).safeParse('a\nb'))).toEqual(['line_break']);
    expect(codes(singleLine(20).safeParse('a\tb'))).toEqual(['line_break']);
  });

  it('refuse a lone surrogate, which cannot be stored as UTF-8, but not a pair', () => {
    expect(codes(multiLine(20).safeParse('x\ud800'))).toEqual(['not_unicode']);
    expect(codes(multiLine(20).safeParse('\udc00x'))).toEqual(['not_unicode']);
    expect(multiLine(20).safeParse('\ud83d\ude00').success).toBe(true);
  });

  it('count the length after trimming and chain like any zod string', () => {
    expect(singleLine(3).safeParse('  abc  ').success).toBe(true);
    expect(codes(singleLine(3).safeParse('abcd'))).toEqual(['too_big']);
    expect(codes(singleLine(10).min(2).safeParse(' a '))).toEqual(['too_small']);
  });
});
