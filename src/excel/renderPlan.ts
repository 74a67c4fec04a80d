/**
 * Renders a sheet plan into queued Office.js calls — the Office.js twin of the .xlsx writer.
 * Nothing here syncs: clearing, content (number formats, values, merges), look (fonts, fills,
 * borders, sizes) and each optional feature (drop-downs, panes, tab colour, print) are queued into
 * whichever batch writeSheets.ts flushes. Only documented values are used: a call Excel rejects
 * stops the rest of its batch. Cells that share a look are drawn as rectangles, so a sheet costs a
 * few hundred calls, not thousands.
 */
import {
  BASE_FONT,
  BORDER_COLOR,
  STYLES,
  columnLetter,
  type CellRange,
  type CellStyle,
  type PlanValue,
  type PlannedCell,
  type SheetPlan,
} from '../layout/plan';
import { rangeAddress } from './references';

const ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
type BorderEdge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';

/**
 * Every text value is written under the text format `@`: Excel converts far more typed strings than
 * formulas (`(123)`, `1e5`, `15-Feb`, `¥100`, `#N/A`, a leading apostrophe…), and officers' own
 * names and labels reach these sheets. Numbers, booleans and blanks keep their planned format.
 */
export function isText(v: PlanValue): v is string {
  return typeof v === 'string' && v !== '';
}

/** Excel's column width in characters → the points Office.js takes (7 px a character, 5 px padding). */
export function columnWidthPoints(chars: number): number {
  return (chars * 7 + 5) * 0.75;
}

export interface PlanMatrix {
  /** From A1 to the last planned cell. */
  range: CellRange;
  values: (string | number | boolean)[][];
  numberFormats: string[][];
}

/** From A1 to the last planned cell. */
export function planExtent(plan: SheetPlan): CellRange {
  return { top: 1, left: 1, bottom: Math.max(1, ...plan.cells.map((c) => c.row)), right: Math.max(1, ...plan.cells.map((c) => c.col)) };
}

/** `cells` within `range` as the two 2-D arrays written in one call each; cells not planned are blank, General. */
function matrixOf(range: CellRange, cells: PlannedCell[]): PlanMatrix {
  const height = range.bottom - range.top + 1;
  const width = range.right - range.left + 1;
  const values = Array.from({ length: height }, () => Array<string | number | boolean>(width).fill(''));
  const numberFormats = Array.from({ length: height }, () => Array<string>(width).fill('General'));
  for (const cell of cells) {
    values[cell.row - range.top][cell.col - range.left] = cell.value ?? '';
    numberFormats[cell.row - range.top][cell.col - range.left] = isText(cell.value) ? '@' : (cell.numFmt ?? 'General');
  }
  return { range, values, numberFormats };
}

/** The plan's cells as the two 2-D arrays written in one call each. */
export function planMatrix(plan: SheetPlan): PlanMatrix {
  return matrixOf(planExtent(plan), lastWins(plan.cells));
}

/** Each cell once, as planned last. */
function lastWins(cells: PlannedCell[]): PlannedCell[] {
  return [...new Map(cells.map((c) => [`${c.row},${c.col}`, c])).values()];
}

/** Cells → few rectangles: runs along each row, stacked where consecutive rows have the same run. */
export function rectangles(cells: { row: number; col: number }[]): CellRange[] {
  const rows = new Map<number, number[]>();
  for (const { row, col } of cells) rows.set(row, [...(rows.get(row) ?? []), col]);
  const out: CellRange[] = [];
  const growing = new Map<string, CellRange>();
  for (const row of [...rows.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(rows.get(row))].sort((a, b) => a - b);
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const key = `${cols[i]}:${cols[j]}`;
      const open = growing.get(key);
      if (open && open.bottom === row - 1) open.bottom = row;
      else {
        const rect = { top: row, left: cols[i], bottom: row, right: cols[j] };
        out.push(rect);
        growing.set(key, rect);
      }
      i = j + 1;
    }
  }
  return out;
}

/** Cells grouped by a key (a style, a list), each group as rectangles. */
export function rectanglesBy<K>(cells: { row: number; col: number; key: K }[]): Map<K, CellRange[]> {
  const groups = new Map<K, { row: number; col: number }[]>();
  for (const c of cells) groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
  return new Map([...groups].map(([key, members]) => [key, rectangles(members)]));
}

/**
 * Queues the cleaning of one of our sheets before it is drawn again in place: merges undone, then
 * contents and formats cleared, in `area` only. The sheet itself stays, so every formula of the
 * officer's that points into it (`=评分表!F22`, `=总分`) keeps resolving, to the new values.
 */
export function queueClear(ws: Excel.Worksheet, area: CellRange): void {
  const range = ws.getRange(rangeAddress(area));
  range.unmerge();
  range.clear('All');
}

/**
 * Queues a sheet's content: number formats before values (so text is stored as text), then merges.
 * Names are the writer's (see writeSheets.ts). Nothing optional: a failure here is a failed write.
 */
export function queueSheetContent(ws: Excel.Worksheet, plan: SheetPlan): void {
  queueMatrix(ws, planMatrix(plan));
  for (const merge of plan.merges) ws.getRange(rangeAddress(merge)).merge(false);
}

function queueMatrix(ws: Excel.Worksheet, m: PlanMatrix): void {
  const range = ws.getRange(rangeAddress(m.range));
  range.numberFormat = m.numberFormats;
  range.values = m.values;
}

/** The planned cells of a patch as rectangles: exactly the cells it writes. */
function patchRectangles(patch: SheetPlan): CellRange[] {
  return rectangles(lastWins(patch.cells));
}

/**
 * Queues a patch: rows added to one of our sheets that exists (an older template brought up to
 * date). Unlike a plan, it is written cell rectangle by cell rectangle, so nothing around the rows
 * it adds — the officer's entries above, their own cells beside — is written, not even as blank.
 */
export function queuePatchContent(ws: Excel.Worksheet, patch: SheetPlan): void {
  const cells = lastWins(patch.cells);
  for (const r of patchRectangles(patch)) {
    queueMatrix(ws, matrixOf(r, cells.filter((c) => c.row >= r.top && c.row <= r.bottom && c.col >= r.left && c.col <= r.right)));
  }
  for (const merge of patch.merges) ws.getRange(rangeAddress(merge)).merge(false);
}

/** The 是/否 drop-down lists (ExcelApi 1.8): a nicety, in a batch of their own. */
export function queueListValidations(ws: Excel.Worksheet, plan: SheetPlan): void {
  const byList = rectanglesBy(plan.listValidations.map((v) => ({ row: v.row, col: v.col, key: v.list.join('\u0000') })));
  for (const [key, ranges] of byList) {
    const list = key.split('\u0000');
    for (const r of ranges) {
      const validation = ws.getRange(rangeAddress(r)).dataValidation;
      validation.rule = { list: { inCellDropDown: true, source: list.join(',') } };
      validation.errorAlert = { showAlert: true, style: 'Stop', title: '输入有误', message: `请从下拉列表选择：${list.join('、')}` };
    }
  }
}

type Attribute = string | number | boolean;

/**
 * Each look a style may carry, applied to the rectangles of cells that share it. Grouping by look
 * rather than by style lets one call serve cells of several styles (most cells share a border).
 */
const LOOKS: { of: (s: CellStyle) => Attribute | undefined; apply: (f: Excel.RangeFormat, v: Attribute, r: CellRange) => void }[] = [
  { of: (s) => s.bold, apply: (f, v) => (f.font.bold = v === true) },
  { of: (s) => s.italic, apply: (f, v) => (f.font.italic = v === true) },
  { of: (s) => s.size, apply: (f, v) => (f.font.size = Number(v)) },
  { of: (s) => s.color, apply: (f, v) => (f.font.color = `#${String(v)}`) },
  { of: (s) => s.fill, apply: (f, v) => (f.fill.color = `#${String(v)}`) },
  { of: (s) => s.align, apply: (f, v) => (f.horizontalAlignment = ALIGN[v as keyof typeof ALIGN]) },
  { of: (s) => s.wrap, apply: (f, v) => (f.wrapText = v === true) },
  { of: (s) => s.border, apply: (f, _v, r) => queueThinBorders(f, r) },
];

/** The height of a row of the base font (宋体 11 pt) that no plan sizes. */
export const STANDARD_ROW_HEIGHT = 14.25;

/**
 * Queues the look of a sheet: font, styles, borders, column widths, row heights. `cleared`: the
 * area a rewrite cleared; its rows the plan does not size go back to the standard height, so no
 * height of the previous run lingers (a plain rowHeight, ExcelApi 1.2, in runs of rows).
 */
export function queueSheetFormat(ws: Excel.Worksheet, plan: SheetPlan, cleared?: CellRange): void {
  if (cleared) {
    const unsized: { row: number; col: number }[] = [];
    for (let row = cleared.top; row <= cleared.bottom; row++) if (plan.rowHeights[row] === undefined) unsized.push({ row, col: 1 });
    for (const r of rectangles(unsized)) ws.getRange(`${r.top}:${r.bottom}`).format.rowHeight = STANDARD_ROW_HEIGHT;
  }
  queueLook(ws, plan, [planExtent(plan)]);
  plan.columnWidths.forEach((w, i) => {
    const col = columnLetter(i + 1);
    ws.getRange(`${col}:${col}`).format.columnWidth = columnWidthPoints(w);
  });
}

/** Queues the look of a patch's cells and the heights of its rows; nothing else of the sheet (widths, tab, print) changes. */
export function queuePatchFormat(ws: Excel.Worksheet, patch: SheetPlan): void {
  queueLook(ws, patch, patchRectangles(patch));
}

/** The base font on `base`, each look on the rectangles of cells that share it, and the plan's row heights. */
function queueLook(ws: Excel.Worksheet, plan: SheetPlan, base: CellRange[]): void {
  for (const r of base) {
    const all = ws.getRange(rangeAddress(r)).format;
    all.font.name = BASE_FONT.name;
    all.font.size = BASE_FONT.size;
    all.verticalAlignment = 'Center';
  }
  const styled = lastWins(plan.cells).flatMap((c) => (c.style ? [{ row: c.row, col: c.col, style: STYLES[c.style] }] : []));
  for (const look of LOOKS) {
    const cells = styled.flatMap((c) => {
      const v = look.of(c.style);
      return v === undefined || v === false ? [] : [{ row: c.row, col: c.col, key: v }];
    });
    for (const [value, ranges] of rectanglesBy(cells)) {
      for (const r of ranges) look.apply(ws.getRange(rangeAddress(r)).format, value, r);
    }
  }
  for (const [row, points] of Object.entries(plan.rowHeights)) ws.getRange(`${row}:${row}`).format.rowHeight = points;
}

/** The frozen header (ExcelApi 1.7; a hidden sheet's panes cannot be frozen, OfficeDev/office-js#1463). */
export function queueFreezePanes(ws: Excel.Worksheet, plan: SheetPlan): void {
  if (plan.freezeRows > 0) ws.freezePanes.freezeRows(plan.freezeRows);
}

/** The tab colour (ExcelApi 1.7), `#RRGGBB` as Worksheet.tabColor documents it. */
export function queueTabColor(ws: Excel.Worksheet, plan: SheetPlan): void {
  if (plan.tabColor) ws.tabColor = `#${plan.tabColor}`;
}

function queueThinBorders(format: Excel.RangeFormat, r: CellRange): void {
  const edges: BorderEdge[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (r.bottom > r.top) edges.push('InsideHorizontal');
  if (r.right > r.left) edges.push('InsideVertical');
  for (const edge of edges) {
    const border = format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
    border.color = `#${BORDER_COLOR}`;
  }
}

/**
 * How many pages tall a sheet may print without being shrunk for height: one row never needs more
 * than a page (a row is at most 409 pt, less than an A4 page's printable height), so its row count.
 */
export function pagesTall(plan: SheetPlan): number {
  return plan.print.onePage ? 1 : Math.max(1, ...plan.cells.map((c) => c.row));
}

/**
 * Queues the print setup (ExcelApi 1.9): A4, orientation, margins, header row on every page, page
 * footer, one page wide. Only documented values: PageLayoutZoomOptions takes a scale of 10–400 or
 * whole numbers of pages; “as many pages tall as needed” is written as a bound that never binds.
 */
export function queueSheetPrint(ws: Excel.Worksheet, plan: SheetPlan): void {
  const layout = ws.pageLayout;
  layout.paperSize = 'A4';
  layout.orientation = plan.print.landscape ? 'Landscape' : 'Portrait';
  layout.centerHorizontally = true;
  // Inches as in the exceljs adapter (0.4 / 0.5 / 0.3), in points.
  layout.leftMargin = 28.8;
  layout.rightMargin = 28.8;
  layout.topMargin = 36;
  layout.bottomMargin = 36;
  layout.headerMargin = 21.6;
  layout.footerMargin = 21.6;
  layout.headersFooters.defaultForAllPages.centerFooter = '第 &P 页，共 &N 页';
  if (plan.print.titleRows) layout.setPrintTitleRows(`$${plan.print.titleRows[0]}:$${plan.print.titleRows[1]}`);
  layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: pagesTall(plan) };
}
