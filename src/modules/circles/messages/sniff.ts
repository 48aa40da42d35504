/**
 * What a file really is, from its first bytes (its "magic number"), not from its name or the type the
 * sender claims: a renamed executable named `brief.pdf` is refused. Pure; each signature from the
 * format's own specification.
 */
export const attachmentTypes = ['pdf', 'png', 'jpeg', 'gif', 'webp'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

interface Signature {
  mediaType: string;
  extensions: readonly string[];
  matches: (bytes: Uint8Array) => boolean;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: Record<AttachmentType, Signature> = {
  // ISO 32000-1 §7.5.2: the header line `%PDF-`.
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], matches: (b) => startsWith(b, ascii('%PDF-')) },
  // PNG §5.2: the eight-byte signature.
  png: { mediaType: 'image/png', extensions: ['png'], matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  // JPEG (ITU T.81): SOI marker FFD8 followed by another marker.
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  // GIF87a / GIF89a.
  gif: { mediaType: 'image/gif', extensions: ['gif'], matches: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  // RIFF container with form type WEBP.
  webp: { mediaType: 'image/webp', extensions: ['webp'], matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
};

export type SniffResult = { ok: true; type: AttachmentType; mediaType: string } | { ok: false; reason: 'type_not_allowed' | 'content_mismatch' };

/**
 * Accepts a file only when its bytes are one of the allowed types and its name's extension is one of
 * that type's: both must agree, so neither a false name nor false bytes slips through.
 */
export function sniffAttachment(fileName: string, bytes: Uint8Array, allowed: readonly AttachmentType[]): SniffResult {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const claimed = allowed.find((type) => SIGNATURES[type].extensions.includes(extension));
  if (!claimed) return { ok: false, reason: 'type_not_allowed' };
  if (!SIGNATURES[claimed].matches(bytes)) return { ok: false, reason: 'content_mismatch' };
  return { ok: true, type: claimed, mediaType: SIGNATURES[claimed].mediaType };
}
