import { describe, expect, it } from 'vitest';
import { sniffAttachment } from './sniff.js';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00');

describe('sniffAttachment', () => {
  it('accepts a file whose bytes and extension agree on an allowed type', () => {
    expect(sniffAttachment('brief.PDF', pdf, ['pdf', 'png'])).toEqual({ ok: true, type: 'pdf', mediaType: 'application/pdf' });
    expect(sniffAttachment('foto.png', png, ['pdf', 'png'])).toEqual({ ok: true, type: 'png', mediaType: 'image/png' });
  });

  it('refuses a program renamed to .pdf: the bytes decide, not the name', () => {
    expect(sniffAttachment('brief.pdf', exe, ['pdf'])).toEqual({ ok: false, reason: 'content_mismatch' });
    expect(sniffAttachment('foto.png', pdf, ['pdf', 'png'])).toEqual({ ok: false, reason: 'content_mismatch' });
  });

  it('refuses a type the setting does not allow, and a name without an extension', () => {
    expect(sniffAttachment('foto.png', png, ['pdf'])).toEqual({ ok: false, reason: 'type_not_allowed' });
    expect(sniffAttachment('programma.exe', exe, ['pdf', 'png'])).toEqual({ ok: false, reason: 'type_not_allowed' });
    expect(sniffAttachment('brief', pdf, ['pdf'])).toEqual({ ok: false, reason: 'type_not_allowed' });
  });
});
