/**
 * Reads what an action needs, bounded: the sheets (name, id, visibility, protection), the
 * workbook-scoped names, whether the workbook structure is protected, and — never a used range —
 * only the template's areas (layout/bounds.ts): 基础数据表's fields, 指标体系, and the output areas of
 * 评分表, 问题清单 and 报告草稿. One sync; a second only when the officer's names reach far below the
 * template. No sync asks for more than MAX_READ_CELLS cells.
 */
import type { RawValue } from '../engine/types';
import { MAX_READ_CELLS, areaCells, dataReadArea, outputReadArea, profileReadArea, type ReadArea } from '../layout/bounds';
import type { Grid } from '../layout/grid';
import type { NameRef } from '../layout/ownership';
import { SHEET_DATA, SHEET_ISSUES, SHEET_PROFILE, SHEET_REPORT, SHEET_SCORES } from '../layout/plan';
import type { WorkbookSources } from '../layout/workflow';
import type { ExcelFeatures } from './features';
import { cellTarget, rangeAddress } from './references';

/** A defined name as read (see layout/ownership.ts). */
export type DefinedName = NameRef;

export interface SheetInfo {
  name: string;
  id: string;
  /** `Visible`, `Hidden` or `VeryHidden`. */
  visibility: string;
  /** Worksheet protection is on. */
  protected: boolean;
}

export interface WorkbookSnapshot {
  sheets: SheetInfo[];
  sheetNames: string[];
  names: Map<string, DefinedName>;
  /** Workbook structure protection; null where this Excel cannot tell (before ExcelApi 1.7). */
  structureProtected: boolean | null;
  /** The read areas; null when the sheet is missing (or was not asked for). */
  data: Grid | null;
  profile: Grid | null;
  /** The output areas of the sheets asked for (评分表, 问题清单, 报告草稿), by sheet name. */
  outputs: Map<string, Grid | null>;
}

export const OUTPUT_SHEETS = [SHEET_SCORES, SHEET_ISSUES, SHEET_REPORT] as const;
export type OutputSheet = (typeof OUTPUT_SHEETS)[number];

/** Which areas an action reads; `outputs`: all of our output sheets, or those listed. */
export interface ReadRequest {
  data?: boolean;
  profile?: boolean;
  outputs?: boolean | readonly OutputSheet[];
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

/** A read area's values as a grid placed where the area starts. */
export function gridOf(area: ReadArea, values: unknown[][], valueTypes: string[][], numberFormats: string[][]): Grid {
  return {
    top: area.top,
    left: area.left,
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

/** 基础数据表's area as the names of the snapshot reach. */
function dataAreaOf(names: Map<string, DefinedName>): ReadArea {
  return dataReadArea([...names.values()].flatMap((n) => (n.target?.sheet === SHEET_DATA ? [n.target] : [])));
}

function contains(outer: ReadArea, inner: ReadArea): boolean {
  return inner.top >= outer.top && inner.left >= outer.left && inner.bottom <= outer.bottom && inner.right <= outer.right;
}

/** The read of one area of one sheet, queued; `read` takes it after the sync. */
interface QueuedArea {
  area: ReadArea;
  ws: Excel.Worksheet;
  range: Excel.Range;
  /** Asked for by getItem (known to exist), else through a null object. */
  present: boolean;
}

/** Queues the read of one area of one sheet; `present` sheets are asked for by getItem, others through a null object. */
function queueArea(context: Excel.RequestContext, sheet: string, area: ReadArea, present: boolean): QueuedArea {
  const worksheets = context.workbook.worksheets;
  const ws = present ? worksheets.getItem(sheet) : worksheets.getItemOrNullObject(sheet);
  const range = ws.getRange(rangeAddress(area));
  range.load('values,valueTypes,numberFormat');
  return { area, ws, range, present };
}

/** The grid of a synced area read; null for a sheet that is not there, or an area not asked for. */
function read(queued: QueuedArea | null): Grid | null {
  if (!queued || (!queued.present && queued.ws.isNullObject)) return null;
  return gridOf(queued.area, queued.range.values, queued.range.valueTypes as string[][], queued.range.numberFormat as string[][]);
}

/** Queues the sheets, names and structure protection; the returned function reads them after the sync. */
function queueMeta(context: Excel.RequestContext, features: ExcelFeatures): () => Omit<WorkbookSnapshot, 'data' | 'profile' | 'outputs'> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/id,items/visibility,items/protection/protected');
  const names = context.workbook.names;
  // `formula` (ExcelApi 1.7) is the reference as written; `value` gives the address on older hosts.
  names.load(features.namedItemFormula ? 'items/name,items/value,items/formula' : 'items/name,items/value');
  const protection = features.workbookProtection ? context.workbook.protection.load('protected') : null;
  return () => {
    const sheets = worksheets.items.map((ws) => ({ name: ws.name, id: ws.id, visibility: ws.visibility as string, protected: ws.protection.protected }));
    const defined = new Map<string, DefinedName>();
    for (const item of names.items) {
      const reference = String(features.namedItemFormula ? item.formula : item.value);
      const formula = reference.startsWith('=') ? reference : `=${reference}`;
      defined.set(item.name, { formula, target: cellTarget(formula) });
    }
    return { sheets, sheetNames: sheets.map((s) => s.name), names: defined, structureProtected: protection ? protection.protected : null };
  };
}

function outputsOf(request: ReadRequest): readonly OutputSheet[] {
  if (request.outputs === true) return OUTPUT_SHEETS;
  return request.outputs || [];
}

/** The sheets of `request` and their areas, the data area as large as `dataArea`. */
function queueAreas(context: Excel.RequestContext, request: ReadRequest, dataArea: ReadArea, present: string[] | null) {
  const has = (sheet: string) => present === null || present.includes(sheet);
  const area = (wanted: boolean | undefined, sheet: string, a: ReadArea): QueuedArea | null =>
    wanted && has(sheet) ? queueArea(context, sheet, a, present !== null) : null;
  return {
    data: area(request.data, SHEET_DATA, dataArea),
    profile: area(request.profile, SHEET_PROFILE, profileReadArea()),
    outputs: outputsOf(request).map((sheet) => [sheet, area(true, sheet, outputReadArea(sheet))] as const),
  };
}

/** The cells of every area but 基础数据表's that the first read may ask for. */
function otherFirstCells(): number {
  return areaCells(profileReadArea()) + OUTPUT_SHEETS.reduce((a, sheet) => a + areaCells(outputReadArea(sheet)), 0);
}

/**
 * 基础数据表's area in the first read: the rule's area (dataReadArea) before the names are known
 * would cost a second sync as soon as the officer inserts one row, so the first read takes as many
 * rows of the template's columns as fit beside 指标体系 and the output areas in MAX_READ_CELLS. The
 * grid is then cut to dataReadArea(names): the workflow sees exactly what the Node reader sees.
 */
export function firstDataArea(): ReadArea {
  const base = dataReadArea([]);
  const width = base.right - base.left + 1;
  return { ...base, bottom: Math.max(base.bottom, Math.floor((MAX_READ_CELLS - otherFirstCells()) / width)) };
}

/** The largest read of one sync: the first areas together. */
export function firstReadCells(): number {
  return areaCells(firstDataArea()) + otherFirstCells();
}

/** The area a grid covers. */
export function gridArea(grid: Grid): ReadArea {
  return { top: grid.top, left: grid.left, bottom: grid.top + grid.values.length - 1, right: grid.left + (grid.values[0]?.length ?? 1) - 1 };
}

/**
 * Reads larger areas of some of our output sheets (present ones), in one sync: 报告草稿 when its
 * draft, or what is on it, reaches below the first read. The caller keeps the areas within MAX_READ_CELLS.
 */
export async function readOutputAreas(context: Excel.RequestContext, areas: ReadonlyMap<string, ReadArea>): Promise<Map<string, Grid | null>> {
  const queued = [...areas].map(([sheet, area]) => [sheet, queueArea(context, sheet, area, true)] as const);
  await context.sync();
  return new Map(queued.map(([sheet, q]) => [sheet, read(q)]));
}

/** The part of a grid inside `area`. */
function crop(grid: Grid, area: ReadArea): Grid {
  return {
    top: area.top,
    left: area.left,
    values: grid.values
      .slice(area.top - grid.top, area.bottom - grid.top + 1)
      .map((line) => line.slice(area.left - grid.left, area.right - grid.left + 1)),
  };
}

/**
 * Reads the workbook: one sync (meta and the first areas), plus one when the names reach beyond
 * the first data area (a name below row 365, as the first area ends at row 565 and the rule reads
 * 200 rows below the lowest name; or right of column D). A host that rejects calls through a null
 * object (a missing sheet) gets the meta first and the areas of the sheets present after, also two syncs.
 */
export async function readWorkbook(context: Excel.RequestContext, features: ExcelFeatures, request: ReadRequest): Promise<WorkbookSnapshot> {
  const defaultArea = firstDataArea();
  const meta = queueMeta(context, features);
  let areas = queueAreas(context, request, defaultArea, null);
  let dataArea = defaultArea;
  let snapshot: Omit<WorkbookSnapshot, 'data' | 'profile' | 'outputs'>;
  try {
    await context.sync();
    snapshot = meta();
  } catch (error) {
    if (!request.data && !request.profile && outputsOf(request).length === 0) throw error;
    const retry = queueMeta(context, features);
    await context.sync();
    snapshot = retry();
    dataArea = dataAreaOf(snapshot.names);
    areas = queueAreas(context, request, dataArea, snapshot.sheetNames);
    await context.sync();
  }
  let data = read(areas.data);
  const needed = dataAreaOf(snapshot.names);
  if (data && contains(dataArea, needed)) data = crop(data, needed);
  else if (data) {
    const more = queueArea(context, SHEET_DATA, needed, true);
    await context.sync();
    data = read(more);
  }
  return {
    ...snapshot,
    data,
    profile: read(areas.profile),
    outputs: new Map(areas.outputs.map(([sheet, queued]) => [sheet, read(queued)])),
  };
}
