/**
 * A declarative sheet plan: values, styles, merges, names, validations and print setup, in plain
 * data. The exceljs and Office.js adapters both render these plans; neither knows any layout.
 */

export type PlanValue = string | number | boolean | null;

export type StyleName =
  | 'title'
  | 'subtitle'
  | 'header'
  | 'section'
  | 'label'
  | 'unit'
  | 'input'
  | 'note'
  | 'group'
  | 'text'
  | 'center'
  | 'number'
  | 'percent'
  | 'scoreFull'
  | 'scoreLost'
  | 'flagged'
  | 'total'
  | 'totalNumber'
  | 'grade'
  | 'high'
  | 'mid'
  | 'low'
  | 'inputText'
  | 'reportNote'
  | 'reportTitle'
  | 'reportHeading'
  | 'reportHeading2'
  | 'reportBody'
  | 'reportCaption'
  | 'reportSign'
  | 'placeholder'
  | 'placeholderSign';

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  border?: boolean;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
}

/** The font and grid of every sheet we write; both adapters take them from here. */
export const BASE_FONT = { name: '宋体', size: 11 } as const;
export const BORDER_COLOR = '808080';

/** The look of each style, as hex colours without '#'. */
export const STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, size: 16, align: 'center' },
  subtitle: { size: 10, color: '595959', align: 'center', wrap: true },
  header: { bold: true, fill: 'D9E1F2', border: true, align: 'center', wrap: true },
  section: { bold: true, fill: 'E2EFDA', border: true },
  label: { border: true, wrap: true },
  unit: { border: true, align: 'center', color: '595959' },
  input: { fill: 'FFF2CC', border: true, align: 'right' },
  note: { size: 9, color: '595959', border: true, wrap: true },
  group: { bold: true, border: true, align: 'center', wrap: true },
  text: { border: true, wrap: true },
  center: { border: true, align: 'center', wrap: true },
  number: { border: true, align: 'center' },
  percent: { border: true, align: 'center' },
  scoreFull: { border: true, align: 'center' },
  scoreLost: { border: true, align: 'center', bold: true, color: 'C00000', fill: 'FCE4D6' },
  /** The name of an indicator a problem in 问题清单 refers to. */
  flagged: { border: true, wrap: true, bold: true, color: 'C00000', fill: 'FCE4D6' },
  total: { bold: true, fill: 'F2F2F2', border: true, align: 'center' },
  totalNumber: { bold: true, size: 12, fill: 'F2F2F2', border: true, align: 'center' },
  grade: { bold: true, size: 14, fill: 'F2F2F2', border: true, align: 'center' },
  high: { bold: true, border: true, align: 'center', fill: 'FFC7CE', color: '9C0006' },
  mid: { border: true, align: 'center', fill: 'FFEB9C', color: '9C5700' },
  low: { border: true, align: 'center', fill: 'DDEBF7', color: '1F4E78' },
  /** A narrative input (基础数据表 section 七): left-aligned and wrapped in a taller row. */
  inputText: { fill: 'FFF2CC', border: true, align: 'left', wrap: true },
  // 报告草稿: a paragraph a row, no grid, so it reads (and prints) as a document.
  reportNote: { size: 9, color: '595959', fill: 'F2F2F2', wrap: true },
  reportTitle: { bold: true, size: 16, align: 'center', wrap: true },
  reportHeading: { bold: true, size: 12, wrap: true },
  reportHeading2: { bold: true, wrap: true },
  reportBody: { wrap: true },
  reportCaption: { bold: true, align: 'center', wrap: true },
  reportSign: { align: 'right' },
  /** Text the officer still has to write (【请填写：…】): yellow, as the Word draft highlights it. */
  placeholder: { fill: 'FFFF00', wrap: true },
  placeholderSign: { fill: 'FFFF00', align: 'right' },
};

export interface PlannedCell {
  /** 1-based row and column. */
  row: number;
  col: number;
  value: PlanValue;
  style?: StyleName;
  /** Excel number format, e.g. `0.00`, `0.00%`, `@`. */
  numFmt?: string;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetPlan {
  name: string;
  /** Workbook-scoped defined name marking the sheet as ours (refers to A1). */
  marker: string;
  /** Column widths in characters (Excel's unit). */
  columnWidths: number[];
  rowHeights: Record<number, number>;
  cells: PlannedCell[];
  merges: CellRange[];
  /** Workbook-scoped defined names (field ids) of single cells. */
  names: { name: string; row: number; col: number }[];
  listValidations: { row: number; col: number; list: string[] }[];
  /** Rows to freeze at the top (the header). */
  freezeRows: number;
  /** A4; one page wide, and with `onePage` one page tall too (the score table prints on one sheet). */
  print: { landscape: boolean; titleRows?: [number, number]; onePage?: boolean };
  /** Tab colour, hex without '#'. */
  tabColor?: string;
}

export const SHEET_DATA = '基础数据表';
export const SHEET_PROFILE = '指标体系';
export const SHEET_SCORES = '评分表';
export const SHEET_ISSUES = '问题清单';
export const SHEET_REPORT = '报告草稿';

/** The batch summary workbook's sheets. */
export const SHEET_SUMMARY = '汇总';
export const SHEET_FAILED = '未通过校验';

export const MARKERS = {
  [SHEET_DATA]: '_jxpj_data',
  [SHEET_PROFILE]: '_jxpj_profile',
  [SHEET_SCORES]: '_jxpj_scores',
  [SHEET_ISSUES]: '_jxpj_issues',
  [SHEET_REPORT]: '_jxpj_report',
  [SHEET_SUMMARY]: '_jxpj_summary',
  [SHEET_FAILED]: '_jxpj_failed',
} as const;

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** `基础数据表!C18` — the address form every message uses. */
export function sheetCell(sheet: string, row: number, col: number): string {
  return `${sheet}!${cellAddress(row, col)}`;
}

/** `'基础数据表'!$C$18` — the reference form of a defined name. */
export function absoluteRef(sheet: string, row: number, col: number): string {
  return `'${sheet}'!$${columnLetter(col)}$${row}`;
}

/** Parses `C18`, `$C$18` → {row, col}; null if it is not a single-cell address. */
export function parseCellAddress(a: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(a.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** Display width in Excel character units: CJK and full-width characters count two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFFF]/.test(ch) ? 2 : 1;
  return w;
}

/** A row height (points) that shows every wrapped line of the row's cells. */
export function fitRowHeight(texts: { text: string; width: number }[], lineHeight = 15): number {
  let lines = 1;
  for (const { text, width } of texts) {
    // Printed CJK text runs a little wider than Excel's character unit: leave a margin.
    const usable = Math.max(width * 0.9 - 1, 1);
    lines = Math.max(lines, Math.ceil(textWidth(text) / usable));
  }
  return Math.max(lineHeight + 3, lines * lineHeight + 3);
}

/** Index ranges [start, end] of consecutive items with equal keys: the merged 一级/二级 group cells of a score table. */
export function groupRuns<T>(items: T[], key: (t: T) => string): [number, number][] {
  const out: [number, number][] = [];
  items.forEach((it, i) => {
    if (i > 0 && key(items[i - 1]) === key(it)) out[out.length - 1][1] = i;
    else out.push([i, i]);
  });
  return out;
}

/** Builds a plan row by row; keeps the cell list in writing order. */
export class PlanBuilder {
  readonly plan: SheetPlan;

  constructor(name: keyof typeof MARKERS, columnWidths: number[]) {
    this.plan = {
      name,
      marker: MARKERS[name],
      columnWidths,
      rowHeights: {},
      cells: [],
      merges: [],
      names: [],
      listValidations: [],
      freezeRows: 0,
      print: { landscape: false },
    };
  }

  set(row: number, col: number, value: PlanValue, style?: StyleName, numFmt?: string): this {
    this.plan.cells.push({ row, col, value, style, numFmt });
    return this;
  }

  /** Sets the first cell of a range, styles the rest, and merges it. */
  merged(
    row: number,
    left: number,
    right: number,
    value: PlanValue,
    style?: StyleName,
    { bottom = row, numFmt }: { bottom?: number; numFmt?: string } = {},
  ): this {
    for (let r = row; r <= bottom; r++) {
      for (let c = left; c <= right; c++) this.set(r, c, r === row && c === left ? value : null, style, numFmt);
    }
    if (right > left || bottom > row) this.plan.merges.push({ top: row, left, bottom, right });
    return this;
  }

  height(row: number, points: number): this {
    this.plan.rowHeights[row] = points;
    return this;
  }
}
