/**
 * Reads everything a run needs in one sync: the sheet names, every workbook-scoped defined name
 * with the cell it refers to, and (when asked) the used ranges of 基础数据表 and 指标体系.
 */
import type { RawValue } from '../engine/types';
import type { Grid } from '../layout/grid';
import { SHEET_DATA, SHEET_PROFILE } from '../layout/plan';
import type { NameRef } from '../layout/ownership';
import type { WorkbookSources } from '../layout/workflow';
import type { ExcelFeatures } from './features';
import { cellTarget, topLeftOf } from './references';

/** A defined name as read (see layout/ownership.ts). */
export type DefinedName = NameRef;

export interface WorkbookSnapshot {
  sheetNames: string[];
  /** Sheet ids, to tell afterwards which sheets a failed write left behind. */
  sheetIds: string[];
  names: Map<string, DefinedName>;
  /** Used ranges; null when the sheet is missing (or grids were not asked for). */
  data: Grid | null;
  profile: Grid | null;
}

/** The general format under the names Excel gives it in other languages (German “Standard” has a d). */
const GENERAL_FORMATS = new Set(['general', 'standard', 'g/通用格式', '常规', 'g/標準']);

/** A date or time format: y, m, d, h or s outside quoted text, [colour]/[$-804] blocks and escapes. */
export function isDateFormat(numberFormat: string): boolean {
  if (GENERAL_FORMATS.has(numberFormat.trim().toLowerCase())) return false;
  return /[dmyhs]/i.test(numberFormat.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

/** Excel's day count (1900 system) → the instant it stands for, read as UTC like exceljs does. */
function dateFromSerial(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000));
}

/**
 * One cell as Office.js reports it → the engine's raw value: `#DIV/0!` becomes an error value and a
 * number shown as a date becomes a Date, as the exceljs adapter reads them.
 */
export function rawCell(value: unknown, valueType: string, numberFormat = 'General'): RawValue {
  if (valueType === 'Error') return { error: String(value) };
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number') return isDateFormat(numberFormat) ? dateFromSerial(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** A used range's values as a grid placed where the range starts. */
export function gridFromRange(address: string, values: unknown[][], valueTypes: string[][], numberFormats: string[][]): Grid {
  const at = topLeftOf(address) ?? { row: 1, col: 1 };
  return {
    top: at.row,
    left: at.col,
    values: values.map((line, r) => line.map((v, c) => rawCell(v, valueTypes[r]?.[c] ?? '', numberFormats[r]?.[c]))),
  };
}

/** The sources the shared workflow scores: the grids, and the names that point into 基础数据表. */
export function sourcesOf(snapshot: WorkbookSnapshot): WorkbookSources {
  const names = new Map<string, { row: number; col: number }>();
  for (const [name, { target }] of snapshot.names) {
    if (target?.sheet === SHEET_DATA) names.set(name, { row: target.row, col: target.col });
  }
  return { data: snapshot.data, profile: snapshot.profile, names };
}

/**
 * Queues the reads; call the returned function after the next `context.sync()`. A missing sheet
 * yields a null used range (Office propagates the null object), so one sync serves every case.
 */
export function queueWorkbookRead(
  context: Excel.RequestContext,
  features: ExcelFeatures,
  { grids, present }: { grids: boolean; present?: string[] },
): () => WorkbookSnapshot {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/id');
  const names = context.workbook.names;
  // `formula` (ExcelApi 1.7) is the reference as written; `value` gives the address on older hosts.
  names.load(features.namedItemFormula ? 'items/name,items/value,items/formula' : 'items/name,items/value');
  /** With `present` (sheet names known from an earlier read) only those sheets are asked for, by getItem. */
  const usedRange = (sheet: string): Excel.Range | null => {
    if (!grids || (present && !present.includes(sheet))) return null;
    const ws = present ? worksheets.getItem(sheet) : worksheets.getItemOrNullObject(sheet);
    const range = ws.getUsedRangeOrNullObject(true);
    range.load('address,values,valueTypes,numberFormat');
    return range;
  };
  const dataRange = usedRange(SHEET_DATA);
  const profileRange = usedRange(SHEET_PROFILE);

  return () => {
    const sheetNames = worksheets.items.map((ws) => ws.name);
    const grid = (sheet: string, range: Excel.Range | null): Grid | null => {
      if (!range || !sheetNames.includes(sheet)) return null;
      if (range.isNullObject) return { top: 1, left: 1, values: [] };
      return gridFromRange(range.address, range.values, range.valueTypes as string[][], range.numberFormat as string[][]);
    };
    const defined = new Map<string, DefinedName>();
    for (const item of names.items) {
      const reference = String(features.namedItemFormula ? item.formula : item.value);
      const formula = reference.startsWith('=') ? reference : `=${reference}`;
      defined.set(item.name, { formula, target: cellTarget(formula) });
    }
    return {
      sheetNames,
      sheetIds: worksheets.items.map((ws) => ws.id),
      names: defined,
      data: grid(SHEET_DATA, dataRange),
      profile: grid(SHEET_PROFILE, profileRange),
    };
  };
}
