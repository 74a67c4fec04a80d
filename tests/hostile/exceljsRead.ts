/**
 * A copy as a second reader sees it: exceljs loads the bytes and its cells and names become the
 * same WorkbookSources our package reader gives, so the copy can be scored again by another
 * program's reading. Independent of src/xlsx on purpose.
 */
import ExcelJS from 'exceljs';
import type { RawValue } from '../../src/engine/types';
import type { Grid } from '../../src/layout/grid';
import { SHEET_DATA, SHEET_PROFILE, parseCellAddress } from '../../src/layout/plan';
import type { WorkbookSources } from '../../src/layout/workflow';

function raw(v: ExcelJS.CellValue): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('error' in v) return { error: String(v.error) };
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return raw((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return { formula: String((v as ExcelJS.CellFormulaValue).formula ?? '') };
  if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  return String(v);
}

function grid(ws: ExcelJS.Worksheet | undefined): Grid | null {
  if (!ws) return null;
  const values: RawValue[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const line: RawValue[] = [];
    for (let c = 1; c <= Math.max(ws.columnCount, 1); c++) {
      const cell = row.getCell(c);
      // A merged cell shows its master's value, as Excel displays it.
      line.push(raw(cell.isMerged ? cell.master.value : cell.value));
    }
    values.push(line);
  }
  return { top: 1, left: 1, values };
}

export interface ExcelJsView {
  workbook: ExcelJS.Workbook;
  sources: WorkbookSources;
}

export async function readWithExcelJs(bytes: Buffer): Promise<ExcelJsView> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const names = new Map<string, { row: number; col: number }>();
  const model = workbook.definedNames.model as { name: string; ranges: string[] }[];
  for (const n of model) {
    const m = /^'?(.+?)'?!(\$?[A-Z]+\$?\d+)$/.exec(n.ranges[0] ?? '');
    const at = m ? parseCellAddress(m[2]) : null;
    if (m && at && m[1] === SHEET_DATA && !names.has(n.name)) names.set(n.name, at);
  }
  return { workbook, sources: { data: grid(workbook.getWorksheet(SHEET_DATA)), profile: grid(workbook.getWorksheet(SHEET_PROFILE)), names } };
}
