import { invalid } from '../../../platform/http/index.js';

/** 5 MB: a brochure or a guide with pictures; well under the request limit once base64 adds a third. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

/** PDF only: every visitor can open and print it, and its signature is checked on the bytes, not trusted from the name. */
const PDF_SIGNATURE = Buffer.from('%PDF-');

export interface DocumentFile {
  name: string;
  mediaType: 'application/pdf';
  content: Buffer;
}

/** An uploaded document's bytes, refused unless they are a PDF of at most DOCUMENT_MAX_BYTES. */
export function checkDocument(fileName: string, contentBase64: string): DocumentFile {
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length === 0 || content.length > DOCUMENT_MAX_BYTES) throw invalid('A document is at most 5 MB', [{ path: 'file', code: 'too_big', message: `at most ${DOCUMENT_MAX_BYTES} bytes` }]);
  if (!content.subarray(0, PDF_SIGNATURE.length).equals(PDF_SIGNATURE)) throw invalid('A document is a PDF', [{ path: 'file', code: 'file_type', message: 'only PDF' }]);
  // The stored name is shown and sent back in a header: keep it to a plain name ending in .pdf.
  const base = fileName.replace(/^.*[\\/]/, '').replace(/[^\p{L}\p{N} ._-]/gu, '_').replace(/\.pdf$/i, '').trim().slice(0, 180) || 'document';
  return { name: `${base}.pdf`, mediaType: 'application/pdf', content };
}
