/**
 * A sheet plan as a SpreadsheetML worksheet part, with the look renderPlan gave it under exceljs.
 * Strings are inline (no shared-strings part to merge into the user's) and never formulas.
 */
import { cellAddress, type CellRange, type PlannedCell, type SheetPlan } from '../layout/plan';
import type { StyleAppender } from './styles';
import { SPREADSHEETML_NS, escapeAttr, escapeText } from './xml';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Excel's limits: characters in a cell, rows and columns in a sheet. */
const MAX_CELL_TEXT = 32767;
const MAX_ROW = 1048576;
const MAX_COL = 16384;
/** Excel's tallest row, in points; a taller `ht` is not a valid row. */
const MAX_ROW_HEIGHT = 409.5;

const A4 = 9;
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const FOOTER = '&C第 &P 页，共 &N 页';
const DEFAULT_ROW_HEIGHT = 15;

/** `'评分表'!$3:$3` for the plan's print title rows (a `_xlnm.Print_Titles` defined name), or null. */
export function printTitlesRef(plan: SheetPlan): string | null {
  const rows = plan.print.titleRows;
  if (!rows) return null;
  return `'${plan.name.replace(/'/g, "''")}'!$${rows[0]}:$${rows[1]}`;
}

/** Shortest text that reads back as the same double; xsd:double wants `1E21`, not `1e+21`. */
function numberText(n: number): string {
  return String(n).replace('e+', 'E').replace('e', 'E');
}

function rangeRef(r: CellRange): string {
  const from = cellAddress(r.top, r.left);
  const to = cellAddress(r.bottom, r.right);
  return from === to ? from : `${from}:${to}`;
}

/** The plan's cells by row, then column, both ascending; a cell named twice keeps its last entry. */
function cellsByRow(plan: SheetPlan): Map<number, PlannedCell[]> {
  const byRow = new Map<number, Map<number, PlannedCell>>();
  const inSheet = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  for (const r of Object.keys(plan.rowHeights).map(Number)) {
    if (!inSheet(r, MAX_ROW)) throw new Error(`工作表“${plan.name}”的计划中有越界的行高（第 ${r} 行）`);
  }
  for (const cell of plan.cells) {
    if (!inSheet(cell.row, MAX_ROW) || !inSheet(cell.col, MAX_COL)) {
      throw new Error(`工作表“${plan.name}”的计划中有越界的单元格（第 ${cell.row} 行第 ${cell.col} 列）`);
    }
    const row = byRow.get(cell.row) ?? new Map<number, PlannedCell>();
    row.set(cell.col, cell);
    byRow.set(cell.row, row);
  }
  const rows = new Set([...byRow.keys(), ...Object.keys(plan.rowHeights).map(Number)]);
  const out = new Map<number, PlannedCell[]>();
  for (const r of [...rows].sort((a, b) => a - b)) {
    out.set(r, [...(byRow.get(r)?.values() ?? [])].sort((a, b) => a.col - b.col));
  }
  return out;
}

function cellXml(plan: SheetPlan, cell: PlannedCell, styles: StyleAppender): string {
  const ref = cellAddress(cell.row, cell.col);
  const s = styles.xfFor({ style: cell.style, numFmt: cell.numFmt });
  const v = cell.value;
  // An empty string is a blank cell, as Office.js makes it when the Excel adapter writes ''.
  if (v === null || v === '') return `<c r="${ref}" s="${s}"/>`;
  if (typeof v === 'boolean') return `<c r="${ref}" s="${s}" t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`${plan.name}!${ref} 的值不是有限数（${v}），不能写入 Excel`);
    return `<c r="${ref}" s="${s}"><v>${numberText(v)}</v></c>`;
  }
  if (v.length > MAX_CELL_TEXT) throw new Error(`${plan.name}!${ref} 的文本有 ${v.length} 个字符，超过 Excel 单元格 ${MAX_CELL_TEXT} 个字符的上限`);
  // An inline string is text whatever it starts with: `=1+1` stays the text “=1+1”.
  return `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${escapeText(v)}</t></is></c>`;
}

function sheetPr(plan: SheetPlan): string {
  const tab = plan.tabColor ? `<tabColor rgb="FF${escapeAttr(plan.tabColor.toUpperCase())}"/>` : '';
  return `<sheetPr>${tab}<pageSetUpPr fitToPage="1"/></sheetPr>`;
}

function sheetViews(plan: SheetPlan): string {
  if (!plan.freezeRows) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const topLeft = cellAddress(plan.freezeRows + 1, 1);
  return (
    '<sheetViews><sheetView workbookViewId="0">' +
    `<pane ySplit="${plan.freezeRows}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>` +
    '</sheetView></sheetViews>'
  );
}

function cols(plan: SheetPlan): string {
  if (plan.columnWidths.length === 0) return '';
  const items = plan.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${numberText(w)}" customWidth="1"/>`);
  return `<cols>${items.join('')}</cols>`;
}

function sheetData(plan: SheetPlan, styles: StyleAppender): { xml: string; dimension: string } {
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  let xml = '';
  for (const [r, cells] of cellsByRow(plan)) {
    const h = plan.rowHeights[r];
    const height = h === undefined ? '' : ` ht="${numberText(Math.min(h, MAX_ROW_HEIGHT))}" customHeight="1"`;
    const content = cells.map((c) => cellXml(plan, c, styles)).join('');
    xml += content ? `<row r="${r}"${height}>${content}</row>` : `<row r="${r}"${height}/>`;
    if (cells.length > 0) {
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, cells[0].col);
      right = Math.max(right, cells[cells.length - 1].col);
    }
  }
  const dimension = bottom === 0 ? 'A1' : rangeRef({ top, left, bottom, right });
  return { xml: `<sheetData>${xml}</sheetData>`, dimension };
}

function mergeCells(plan: SheetPlan): string {
  if (plan.merges.length === 0) return '';
  return `<mergeCells count="${plan.merges.length}">${plan.merges.map((m) => `<mergeCell ref="${rangeRef(m)}"/>`).join('')}</mergeCells>`;
}

/** A list validation's formula: the items in one quoted string, a `"` doubled inside it. */
function listFormula(list: string[]): string {
  return `"${list.join(',').replace(/"/g, '""')}"`;
}

function dataValidations(plan: SheetPlan): string {
  if (plan.listValidations.length === 0) return '';
  const items = plan.listValidations.map(
    (v) =>
      `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="输入有误" error="${escapeAttr(`请从下拉列表选择：${v.list.join('、')}`)}" sqref="${cellAddress(v.row, v.col)}">` +
      `<formula1>${escapeText(listFormula(v.list))}</formula1></dataValidation>`,
  );
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

function printSetup(plan: SheetPlan): string {
  const m = MARGINS;
  return (
    '<printOptions horizontalCentered="1"/>' +
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="${A4}" orientation="${plan.print.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="${plan.print.onePage ? 1 : 0}"/>` +
    `<headerFooter><oddFooter>${escapeText(FOOTER)}</oddFooter></headerFooter>`
  );
}

/** The complete xl/worksheets/sheetN.xml for a plan, its elements in CT_Worksheet's schema order. */
export function worksheetXml(plan: SheetPlan, styles: StyleAppender): string {
  const data = sheetData(plan, styles);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${SPREADSHEETML_NS}" xmlns:r="${REL_NS}">` +
    sheetPr(plan) +
    `<dimension ref="${data.dimension}"/>` +
    sheetViews(plan) +
    `<sheetFormatPr defaultRowHeight="${DEFAULT_ROW_HEIGHT}"/>` +
    cols(plan) +
    data.xml +
    mergeCells(plan) +
    dataValidations(plan) +
    printSetup(plan) +
    '</worksheet>'
  );
}
