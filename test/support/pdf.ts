import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page as PDF.js (Firefox's reader) extracts it, and the document's info. */
export async function readPdf(pdf: Buffer): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
    }
    return { pages, info: (await document.getMetadata()).info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}
