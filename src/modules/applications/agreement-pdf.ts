/**
 * The 公共数据开放利用协议 as an A4 PDF: the filled agreement text (see agreement-template.ts
 * for the lines it tells apart), page numbers, and a signature block saying who signed and
 * when. The platform records the SM3 digest of the signed file, so the same input always gives
 * the same bytes: nothing is read from the clock, and the file's date and ID come from the input.
 */
import { findAgreementFonts } from './agreement-font.js';

export interface AgreementSignature {
  /** Who signed: the person or organisation, as it should read on the agreement. */
  name: string;
  /** When, as an ISO 8601 instant (2026-03-05T06:03:00Z); shown in Beijing time. */
  at: string;
}

export interface AgreementPdfInput {
  title: string;
  /** The filled template (`fillTemplate`). */
  body: string;
  /** The PDF's creation date, an ISO 8601 instant; defaults to the latest signature's time. */
  createdAt?: string;
  signatures?: { applicant?: AgreementSignature; department?: AgreementSignature };
}

const BODY_SIZE = 12;
const LINE_GAP = 5;
const MARGIN = 72;
const FOOTER_SIZE = 9;

const HEADING = /^[一二三四五六七八九十]+、/;
const ITEM = /^(\d{1,2}[.．](?!\d)|[（(][一二三四五六七八九十]+[）)])\s*/;
const FIELD = /^[^，。；：\s]{1,24}：/;

/**
 * Renders the agreement. The PDF's creation date is `createdAt`, else the latest signature's
 * time, else 1970-01-01 (pdfkit needs one); its ID derives from that date and the title.
 * `env` is read for SHUKAI_PDF_FONT. Throws when no Chinese font is installed, or a time is
 * not an ISO 8601 instant.
 */
export async function renderAgreementPdf(input: AgreementPdfInput, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const title = input.title.trim();
  if (!title) throw new Error('The agreement needs a title');
  const department = signature(input.signatures?.department);
  const applicant = signature(input.signatures?.applicant);
  const fonts = findAgreementFonts(env);
  const signedAt = [department, applicant].flatMap((s) => (s ? [s.at.getTime()] : []));
  const created = input.createdAt !== undefined ? instant(input.createdAt) : new Date(Math.max(0, ...signedAt));

  // pdfkit and its font engine (~25 MB) load with the first agreement, not with every process.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    // pdfkit derives the file ID from these entries, so they must not come from the clock either.
    info: { Title: title, Creator: '数开 Shukai', CreationDate: created },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const [name, font] of [['regular', fonts.regular], ['bold', fonts.bold]] as const) {
    doc.registerFont(name, font.path, font.face);
    try {
      doc.font(name); // pdfkit opens a font when first used; a bad file or face name fails here
    } catch (error) {
      throw new Error(`The agreement PDF cannot use the font ${font.path}${font.face ? `#${font.face}` : ''}: ${(error as Error).message}`, { cause: error });
    }
  }
  const width = doc.page.width - MARGIN * 2;

  doc.font('bold').fontSize(18).text(title, MARGIN, MARGIN, { width, align: 'center' });
  doc.moveDown(1);
  for (const line of input.body.split(/\r\n|[\r\n]/)) writeLine(doc, line.trim(), width);
  writeSignatures(doc, width, department, applicant);
  writePageNumbers(doc, width);
  doc.end();
  return done;
}

function writeLine(doc: PDFKit.PDFDocument, line: string, width: number): void {
  if (!line) {
    doc.moveDown(0.5);
    return;
  }
  if (HEADING.test(line)) {
    doc.font('bold').fontSize(14);
    // A clause heading does not sit alone at the foot of a page.
    keepTogether(doc, doc.currentLineHeight(true) * 3);
    doc.moveDown(0.4);
    doc.text(line, MARGIN, doc.y, { width, lineGap: LINE_GAP });
    doc.moveDown(0.2);
    return;
  }
  doc.font('regular').fontSize(BODY_SIZE);
  const item = ITEM.exec(line);
  if (item) {
    // Hanging indent on a half-em grid, so "1." and "10." items start their text together.
    const label = item[1] ?? '';
    const half = BODY_SIZE / 2;
    const indent = Math.max(BODY_SIZE * 2, Math.ceil((doc.widthOfString(label) + 3) / half) * half);
    keepTogether(doc, doc.currentLineHeight(true));
    const y = doc.y;
    doc.text(label, MARGIN, y, { lineBreak: false });
    doc.text(line.slice(item[0].length), MARGIN + indent, y, { width: width - indent, lineGap: LINE_GAP });
  } else {
    // Paragraphs start two characters in, as Chinese documents do; field lines ("甲方：…") do not.
    const indent = FIELD.test(line) ? 0 : BODY_SIZE * 2;
    doc.text(line, MARGIN, doc.y, { width, indent, lineGap: LINE_GAP });
  }
  doc.x = MARGIN;
}

interface Signed { name: string; at: Date }

function signature(value: AgreementSignature | undefined): Signed | undefined {
  if (!value) return undefined;
  if (!value.name.trim()) throw new Error('A signature needs the name of who signed');
  return { name: value.name.trim(), at: instant(value.at) };
}

// An offset is required: without one JavaScript reads the time in the machine's timezone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(text: string): Date {
  const at = new Date(text);
  if (!INSTANT.test(text) || Number.isNaN(at.getTime())) {
    throw new Error(`Agreement times are ISO 8601 instants with an offset, such as 2026-03-05T06:03:00Z, not ${text}`);
  }
  return at;
}

function writeSignatures(doc: PDFKit.PDFDocument, width: number, department: Signed | undefined, applicant: Signed | undefined): void {
  const gap = BODY_SIZE * 2;
  const column = (width - gap) / 2;
  const columns = [
    ['甲方（公共数据开放主体）', department],
    ['乙方（公共数据利用主体）', applicant],
  ] as const;
  const lines = columns.map(([party, signed]) => [
    party,
    `签署：${signed ? signed.name : '（待签署）'}`,
    `签署时间：${signed ? beijingTime(signed.at) : '—'}`,
  ]);
  doc.font('regular').fontSize(BODY_SIZE);
  const heights = lines.map((column_) => column_.reduce((sum, text) => sum + doc.heightOfString(text, { width: column, lineGap: LINE_GAP }) + 4, 0));
  doc.moveDown(1.5);
  keepTogether(doc, Math.max(...heights) + doc.currentLineHeight(true) * 2);
  doc.font('bold').text('签署栏', MARGIN, doc.y, { width, lineGap: LINE_GAP });
  doc.moveDown(0.5);
  const top = doc.y;
  let bottom = top;
  lines.forEach((column_, index) => {
    const x = MARGIN + index * (column + gap);
    doc.y = top;
    column_.forEach((text, row) => {
      doc.font(row === 0 ? 'bold' : 'regular').text(text, x, doc.y, { width: column, lineGap: LINE_GAP });
      doc.y += 4;
    });
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = MARGIN;
  doc.y = bottom;
}

/** "2026年3月5日 14:03（北京时间）": China keeps UTC+8 all year. */
function beijingTime(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}（北京时间）`;
}

function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function writePageNumbers(doc: PDFKit.PDFDocument, width: number): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(FOOTER_SIZE)
      .text(`第 ${i + 1} 页 共 ${count} 页`, MARGIN, doc.page.height - margin / 2 - FOOTER_SIZE, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
