/**
 * The exceljs adapter: renders sheet plans into a workbook and reads a filled template back as
 * raw cells. All layout knowledge comes from src/layout; all rules from src/engine.
 */
import ExcelJS from 'exceljs';
import type { CellError, RawValue } from '../engine/types';
import type { Grid } from '../layout/grid';
import { isOurSheet, planSheetWrites, type NameRef, type OwnershipSnapshot } from '../layout/ownership';
import { BASE_FONT, BORDER_COLOR, MARKERS, SHEET_SUMMARY, STYLES, absoluteRef, SHEET_DATA, SHEET_PROFILE, type PlannedCell, type SheetPlan } from '../layout/plan';


/** Raised when a sheet or name we would write belongs to the user: nothing is written. */
export class SheetConflictError extends Error {}

type Where = { sheetName: string; row: number; col: number; address: string };

/** The part of exceljs's DefinedNames we use, typed as it behaves (its .d.ts is looser). */
interface NamesApi {
  forEach(cb: (name: string, cell: Where) => void): void;
  removeEx(where: Where, name: string): void;
}
const namesOf = (wb: ExcelJS.Workbook) => wb.definedNames as unknown as NamesApi;

/** Every defined name of the workbook with the (first) cell it refers to. */
export function definedNames(wb: ExcelJS.Workbook): Map<string, Where> {
  const out = new Map<string, Where>();
  namesOf(wb).forEach((name, cell) => {
    if (!out.has(name)) out.set(name, cell);
  });
  return out;
}

/** The workbook as the shared ownership rules (layout/ownership.ts) see it. */
export function ownershipSnapshot(wb: ExcelJS.Workbook): OwnershipSnapshot {
  const names = new Map<string, NameRef>();
  for (const [name, where] of definedNames(wb)) {
    names.set(name, { formula: `=${absoluteRef(where.sheetName, where.row, where.col)}`, target: { sheet: where.sheetName, row: where.row, col: where.col } });
  }
  return { sheetNames: wb.worksheets.map((w) => w.name), names };
}

/** A summary workbook written by `batch` (its 汇总 sheet carries our marker). */
export function isSummaryWorkbook(wb: ExcelJS.Workbook): boolean {
  return isOurSheet(ownershipSnapshot(wb), SHEET_SUMMARY, MARKERS[SHEET_SUMMARY]);
}

function removeName(wb: ExcelJS.Workbook, name: string): void {
  const where = definedNames(wb).get(name);
  if (where) namesOf(wb).removeEx(where, name);
}

/** exceljs cell value → the engine's raw value (formula results, rich text, errors). */
export function toRawValue(v: ExcelJS.CellValue): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v) return { error: String((v as ExcelJS.CellErrorValue).error) } satisfies CellError;
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      return result === undefined ? null : toRawValue(result as ExcelJS.CellValue);
    }
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

/** The used block of a sheet as a grid from A1. */
export function sheetGrid(ws: ExcelJS.Worksheet): Grid {
  const values: RawValue[][] = [];
  const rows = ws.rowCount;
  const cols = ws.columnCount;
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    const line: RawValue[] = [];
    for (let c = 1; c <= cols; c++) line.push(toRawValue(row.getCell(c).value));
    values.push(line);
  }
  return { top: 1, left: 1, values };
}

function argb(hex: string): string {
  return `FF${hex}`;
}

function applyStyle(cell: ExcelJS.Cell, p: PlannedCell): void {
  const s = p.style ? STYLES[p.style] : {};
  cell.font = { name: BASE_FONT.name, size: s.size ?? BASE_FONT.size, bold: s.bold, italic: s.italic, color: s.color ? { argb: argb(s.color) } : undefined };
  if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  if (s.border) {
    const thin: ExcelJS.Border = { style: 'thin', color: { argb: argb(BORDER_COLOR) } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  cell.alignment = { horizontal: s.align, vertical: 'middle', wrapText: s.wrap };
  if (p.numFmt) cell.numFmt = p.numFmt;
}

/** Adds one sheet from its plan, with its marker name, names, validations and print setup. */
export function renderPlan(wb: ExcelJS.Workbook, plan: SheetPlan): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(plan.name, {
    properties: { tabColor: plan.tabColor ? { argb: argb(plan.tabColor) } : undefined },
    views: plan.freezeRows ? [{ state: 'frozen', ySplit: plan.freezeRows, xSplit: 0 }] : undefined,
    pageSetup: {
      paperSize: 9,
      orientation: plan.print.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: plan.print.onePage ? 1 : 0,
      horizontalCentered: true,
      printTitlesRow: plan.print.titleRows ? `${plan.print.titleRows[0]}:${plan.print.titleRows[1]}` : undefined,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  plan.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const p of plan.cells) {
    const cell = ws.getCell(p.row, p.col);
    // exceljs writes strings as text: `=1+1` stays the text “=1+1”, never a formula.
    if (p.value !== null) cell.value = p.value;
    applyStyle(cell, p);
  }
  for (const [row, h] of Object.entries(plan.rowHeights)) ws.getRow(Number(row)).height = h;
  for (const m of plan.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
  for (const n of plan.names) wb.definedNames.add(absoluteRef(plan.name, n.row, n.col), n.name);
  for (const v of plan.listValidations) {
    ws.getCell(v.row, v.col).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${v.list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '输入有误',
      error: `请从下拉列表选择：${v.list.join('、')}`,
    };
  }
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
  wb.definedNames.add(absoluteRef(plan.name, 1, 1), plan.marker);
  return ws;
}

/**
 * Replaces the sheets of `plans` in the workbook by the rules of layout/ownership.ts (as the Excel
 * adapter does): our earlier sheets and names go first; a sheet or name of the user's in the way
 * stops everything before anything is changed.
 */
export function replaceSheets(wb: ExcelJS.Workbook, plans: SheetPlan[]): void {
  const writes = planSheetWrites(ownershipSnapshot(wb), plans, 'replace');
  if (!writes.ok) throw new SheetConflictError(writes.message);
  for (const name of writes.dropNames) removeName(wb, name);
  for (const sheet of writes.dropSheets) wb.removeWorksheet((wb.getWorksheet(sheet) as ExcelJS.Worksheet).id);
  for (const plan of writes.add) renderPlan(wb, plan);
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  return wb;
}

export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The grids and names the layout readers need. */
export function readTemplateSources(wb: ExcelJS.Workbook): {
  data: Grid | null;
  profile: Grid | null;
  names: Map<string, { row: number; col: number }>;
} {
  const data = wb.getWorksheet(SHEET_DATA);
  const profile = wb.getWorksheet(SHEET_PROFILE);
  const names = new Map<string, { row: number; col: number }>();
  for (const [name, where] of definedNames(wb)) {
    if (where.sheetName === SHEET_DATA) names.set(name, { row: where.row, col: where.col });
  }
  return { data: data ? sheetGrid(data) : null, profile: profile ? sheetGrid(profile) : null, names };
}
