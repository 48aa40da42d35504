import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF as a reader would find it: pages merged, runs of white space as one space. */
export async function pdfText(buffer: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(buffer)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
