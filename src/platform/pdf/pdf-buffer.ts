import PDFDocument from 'pdfkit';

/** Builds an A4 pdfkit document and resolves with its bytes once it has ended. */
export function pdfBuffer(build: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions & { title: string }): Promise<Buffer> {
  const { title, ...rest } = options;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, ...rest, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}
