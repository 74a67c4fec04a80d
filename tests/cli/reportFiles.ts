/** Reading back what score --out and report write: the 报告草稿 sheet's rows and the .docx's text. */
import type ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';

/** Column A of 报告草稿, row by row, from row 1 to `rows` (a paragraph a row). */
export function reportSheetColumnA(wb: ExcelJS.Workbook, rows: number): unknown[] {
  const ws = wb.getWorksheet('报告草稿') as ExcelJS.Worksheet;
  return Array.from({ length: rows }, (_, i) => ws.getCell(i + 1, 1).value);
}

/** The fill colour of a cell (ARGB), or undefined when it has none. */
export const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

/** word/document.xml of a .docx. */
export async function documentXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error(`${file}: no word/document.xml`);
  return xml;
}

/** The text of every w:t element, joined: what Word shows, whatever the runs. */
export function documentText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}
