/**
 * The one rule for how much of a workbook any adapter reads: the template's own area, never the
 * used range. A stray value at XFD1048576, or a ledger pasted below the template, is outside it and
 * so changes nothing. Both the exceljs/package reader (Node) and the Office.js reader use this.
 */
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
/** Columns of 指标体系 (A…O) and the rows its default plan uses, with the margin. */
const PROFILE_COLUMNS = 15;
const PROFILE_ROWS = 120;

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
 * The area read of each of our output sheets (评分表, 问题清单): our largest plan (评分表, 8 columns
 * and about 30 rows with its provenance line) and a margin around it, so a note the officer typed
 * beside or below our table counts as an edit (see layout/provenance.ts). A rewrite clears exactly
 * this area; anything the officer put outside it is never read and never touched.
 */
export function outputReadArea(): ReadArea {
  return { top: 1, left: 1, bottom: 60, right: 12 };
}

/** The area of 指标体系 to read (rows are found by the 代码 column, so a fixed block with margin). */
export function profileReadArea(): ReadArea {
  return { top: 1, left: 1, bottom: PROFILE_ROWS + READ_MARGIN_ROWS, right: PROFILE_COLUMNS };
}
