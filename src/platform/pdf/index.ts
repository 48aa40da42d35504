export { pdfBuffer } from './pdf-buffer.js';
