/**
 * The one rule for how much of a workbook any adapter reads: the template's own area, never the
 * used range. A stray value at XFD1048576, or a ledger pasted below the template, is outside it and
 * so changes nothing. Both the exceljs/package reader (Node) and the Office.js reader use this.
 */
import { SHEET_REPORT } from './plan';
import { DATA_ROWS, DATA_COLUMNS } from './template';

/** A rectangle of 1-based rows and columns, inclusive. */
export interface ReadArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Rows below the last template row (or the lowest defined name) that are still read: room for rows the officer inserted. */
export const READ_MARGIN_ROWS = 200;
/** The most cells one read asks for (Excel on the web refuses large reads; see office-js docs "resource limits"). */
export const MAX_READ_CELLS = 10_000;
/** Columns of 指标体系 (A…O) and the rows its default plan uses (73 with the cap section), with room. */
const PROFILE_COLUMNS = 15;
const PROFILE_ROWS = 120;
/** Rows below 指标体系's own rows still read: it is found by its 代码 column, so rows inserted or moved up to here count. */
const PROFILE_MARGIN_ROWS = 100;
/**
 * Rows of 报告草稿 read (and cleared on a rewrite), columns A:E: a draft without narrative takes
 * 75 rows for the seed case and about 110 with all 18 problems raised; the rest is room for the
 * narrative of 基础数据表 section 七 and a note below. A sheet that runs on past this is read
 * further when needed (src/excel/service.ts), up to MAX_READ_CELLS.
 */
export const REPORT_READ_ROWS = 600;
/** 报告草稿's columns: 一级, 二级, 三级指标, 权重, 得分 (layout/reportSheet.ts). */
export const REPORT_COLUMNS = 5;

export function areaCells(a: ReadArea): number {
  return (a.bottom - a.top + 1) * (a.right - a.left + 1);
}

export function inArea(a: ReadArea, row: number, col: number): boolean {
  return row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;
}

/**
 * The area of 基础数据表 to read: columns A to the furthest input cell named (at least the
 * template's four), rows 1 to the lowest named cell (at least the template's last row) plus the
 * margin; never more than MAX_READ_CELLS. Names outside it are not followed (the label is).
 */
export function dataReadArea(names: Iterable<{ row: number; col: number }>): ReadArea {
  let bottom = DATA_ROWS.last;
  let right: number = DATA_COLUMNS.note;
  const maxRight = 26;
  for (const n of names) {
    if (n.col <= maxRight) right = Math.max(right, n.col);
  }
  const maxBottom = Math.floor(MAX_READ_CELLS / right);
  for (const n of names) {
    if (n.col <= right && n.row + READ_MARGIN_ROWS <= maxBottom) bottom = Math.max(bottom, n.row);
  }
  return { top: 1, left: 1, bottom: Math.min(bottom + READ_MARGIN_ROWS, maxBottom), right };
}

/**
 * The area read of one of our output sheets, so a note the officer typed beside or below our table
 * counts as an edit (see layout/provenance.ts). A rewrite clears exactly this area (and whatever the
 * new plan covers); anything the officer put outside it is never read and never touched.
 * - 评分表, 问题清单 (the default): the larger plan (评分表, 8 columns and at most 35 rows with its
 *   provenance line) and a margin around it, A1:L60;
 * - 报告草稿: a paragraph a row in A:E, REPORT_READ_ROWS deep.
 */
export function outputReadArea(sheet?: string): ReadArea {
  if (sheet === SHEET_REPORT) return { top: 1, left: 1, bottom: REPORT_READ_ROWS, right: REPORT_COLUMNS };
  return { top: 1, left: 1, bottom: 60, right: 12 };
}

/**
 * The most of an output sheet ever read: its first area, as deep as MAX_READ_CELLS allows. The
 * Office.js adapter reads 报告草稿 this far only when it runs past its first area; the Node reader,
 * with no per-read limit, reads this at once.
 */
export function outputFullReadArea(sheet?: string): ReadArea {
  const first = outputReadArea(sheet);
  return sheet === SHEET_REPORT ? { ...first, bottom: Math.floor(MAX_READ_CELLS / (first.right - first.left + 1)) } : first;
}

/** The area of 指标体系 to read (rows are found by the 代码 column, so a fixed block with margin). */
export function profileReadArea(): ReadArea {
  return { top: 1, left: 1, bottom: PROFILE_ROWS + PROFILE_MARGIN_ROWS, right: PROFILE_COLUMNS };
}
