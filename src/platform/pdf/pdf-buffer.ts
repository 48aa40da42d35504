/**
 * Builds an A4 pdfkit document and resolves with its bytes once it has ended. pdfkit is loaded at the
 * first document, not at start: it takes a second or more to import on a busy machine, and the modules
 * that make letters and reports sit on the DC-09 receiver's import path, which a restart must get
 * through fast (issue 15: alarms again within 2 s of start).
 */
export async function pdfBuffer(build: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions & { title: string }): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
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
