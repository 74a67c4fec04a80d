/**
 * The smallest valid .xlsx around given worksheet parts and styles, so tests can open what
 * src/xlsx/sheetXml.ts and styles.ts write with exceljs (or LibreOffice) and check what a reader sees.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SPREADSHEETML_NS as MAIN_NS, escapeAttr, escapeText } from '../../src/xlsx/xml';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface PackagedSheet {
  name: string;
  xml: string;
  /** A `_xlnm.Print_Titles` reference such as `'评分表'!$3:$3` (printTitlesRef's output). */
  printTitles?: string | null;
}

export async function packageWith(sheets: PackagedSheet[], stylesXml: string): Promise<Buffer> {
  const zip = new JSZip();
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`);
  zip.file(
    '[Content_Types].xml',
    `${HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
      `${overrides.join('')}</Types>`,
  );
  zip.file('_rels/.rels', `${HEADER}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const sheetEntries = sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  const names = sheets.flatMap((s, i) =>
    s.printTitles ? [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeText(s.printTitles)}</definedName>`] : [],
  );
  zip.file(
    'xl/workbook.xml',
    `${HEADER}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews>` +
      `<sheets>${sheetEntries.join('')}</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}</workbook>`,
  );
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  zip.file('xl/_rels/workbook.xml.rels', `${HEADER}<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`);
  sheets.forEach((s, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, s.xml));
  zip.file('xl/styles.xml', stylesXml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The package as exceljs reads it. */
export async function workbookWith(sheets: PackagedSheet[], stylesXml: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as its own ArrayBuffer-like Buffer, which Node's Buffer<ArrayBufferLike> does not match.
  await wb.xlsx.load((await packageWith(sheets, stylesXml)) as unknown as ArrayBuffer);
  return wb;
}
