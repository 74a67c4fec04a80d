/**
 * 插入模板 on a workbook that holds an earlier version of our template: what today's template has
 * that the workbook's lacks is added below what is there, and nothing already there moves or
 * changes. Pure: the read grids in, patches (partial sheet plans at their new rows) out; the
 * writer draws only the cells of a patch (writeSheets.ts).
 *
 * - 基础数据表: the fields the reader cannot find (by defined name or label, as readDataSheet does),
 *   each with its label, unit, input cell, note and defined name, under its section's heading,
 *   from the first empty row after the last used row of the template's area;
 * - 指标体系: today's last section (预算执行率封顶) when none of its 代码 is on the sheet, one row
 *   below the last used row, as the sections are spaced.
 */
import { FIELDS, SECTIONS } from '../engine/fields';
import { DEFAULT_PROFILE } from '../engine/profile';
import { type Grid, gridBottom, gridText } from '../layout/grid';
import { SHEET_DATA, SHEET_PROFILE, type SheetPlan } from '../layout/plan';
import { profileSheetPlan } from '../layout/profileSheet';
import { DATA_COLUMNS, DATA_ROWS, dataSheetPlan, readDataSheet } from '../layout/template';

/** Rows added to one sheet: the partial plan, where it lands, and what it adds in the officer's words. */
export interface SheetPatch {
  plan: SheetPlan;
  rows: [number, number];
  what: string;
}

export type PatchOutcome = { ok: true; patch: SheetPatch | null } | { ok: false; message: string };

/** 指标体系's 代码 column (layout/profileSheet.ts). */
const PROFILE_KEY_COLUMN = 2;

/**
 * Rows of `plan`, in the order given, moved to start at `top`: their cells, the merges within them,
 * their heights, names and drop-down lists. Nothing of the sheet as a whole (widths, panes, print, tab).
 */
export function transplantRows(plan: SheetPlan, rows: readonly number[], top: number): SheetPlan {
  const to = new Map(rows.map((row, i) => [row, top + i]));
  const moved = <T extends { row: number }>(x: T): T[] => {
    const row = to.get(x.row);
    return row === undefined ? [] : [{ ...x, row }];
  };
  return {
    name: plan.name,
    marker: plan.marker,
    columnWidths: [],
    rowHeights: Object.fromEntries(Object.entries(plan.rowHeights).flatMap(([row, h]) => (to.has(Number(row)) ? [[to.get(Number(row)), h]] : []))),
    cells: plan.cells.flatMap(moved),
    merges: plan.merges.flatMap((m) => {
      const [a, b] = [to.get(m.top), to.get(m.bottom)];
      return a !== undefined && b !== undefined && b - a === m.bottom - m.top ? [{ ...m, top: a, bottom: b }] : [];
    }),
    names: plan.names.flatMap(moved),
    listValidations: plan.listValidations.flatMap(moved),
    freezeRows: 0,
    print: { landscape: plan.print.landscape },
  };
}

/** The last row of the grid with anything in it (the grid's top less one when it is empty). */
function lastUsedRow(grid: Grid): number {
  for (let i = grid.values.length - 1; i >= 0; i--) {
    if (grid.values[i].some((v) => v !== null && v !== undefined && v !== '')) return grid.top + i;
  }
  return grid.top - 1;
}

/**
 * The patch `gap` rows below the last used row, unless it would reach below the area read: rows
 * there were not read, so whether they are empty is not known.
 */
function placed(grid: Grid, sheet: string, plan: SheetPlan, rows: number[], gap: number, what: string): PatchOutcome {
  const last = lastUsedRow(grid);
  const top = last + gap;
  const bottom = top + rows.length - 1;
  if (bottom > gridBottom(grid)) {
    return {
      ok: false,
      message: `无法在“${sheet}”末尾补充新版模板的${what}：模板下方直到第${last}行都有内容，再往下的行不在本工具读取的范围内。请清理模板下方的内容后重试。未写入任何内容。`,
    };
  }
  return { ok: true, patch: { plan: transplantRows(plan, rows, top), rows: [top, bottom], what } };
}

/**
 * The fields of today's 基础数据表 the sheet lacks, appended below it. A section whose heading is on
 * the sheet already gets its heading again, marked （补充）, so the rows do not read as part of the
 * section above them. `names`: the defined names that point into 基础数据表.
 */
export function dataSheetPatch(grid: Grid, names: Map<string, { row: number; col: number }>): PatchOutcome {
  const found = readDataSheet(grid, names).cells ?? {};
  const missing = FIELDS.filter((f) => found[f.id] === undefined);
  if (missing.length === 0) return { ok: true, patch: null };
  const titles = new Set<string>();
  for (let row = grid.top; row <= gridBottom(grid); row++) titles.add(gridText(grid, row, DATA_COLUMNS.label));

  const plan = dataSheetPlan();
  const rows: number[] = [];
  const again = new Set<number>();
  const what: string[] = [];
  for (const section of SECTIONS) {
    const fields = missing.filter((f) => f.section === section.id);
    if (fields.length === 0) continue;
    const heading = DATA_ROWS.sections[section.id];
    if (titles.has(section.title)) again.add(heading);
    rows.push(heading, ...fields.map((f) => DATA_ROWS.fields[f.id]));
    what.push(`“${section.title}”${fields.length}项`);
  }
  const source = {
    ...plan,
    cells: plan.cells.map((c) => (again.has(c.row) && c.col === DATA_COLUMNS.label && typeof c.value === 'string' ? { ...c, value: `${c.value}（补充）` } : c)),
  };
  return placed(grid, SHEET_DATA, source, rows, 1, `填报项（${what.join('、')}）`);
}

/**
 * Today's last section of 指标体系 (预算执行率封顶（选填）) when none of its 代码 is on the sheet,
 * one empty row below the last used row. Other 代码 the sheet lacks are the officer's doing: the
 * reader warns of them and takes the default.
 */
export function profileSheetPatch(grid: Grid): PatchOutcome {
  const plan = profileSheetPlan(DEFAULT_PROFILE);
  const keysOnSheet = new Set<string>();
  for (let row = grid.top; row <= gridBottom(grid); row++) keysOnSheet.add(gridText(grid, row, PROFILE_KEY_COLUMN));
  const section = Math.max(...plan.cells.filter((c) => c.col === 1 && c.style === 'section').map((c) => c.row));
  const keys = plan.cells.filter((c) => c.row > section && c.col === PROFILE_KEY_COLUMN && c.style !== 'header' && typeof c.value === 'string');
  if (keys.some((c) => keysOnSheet.has(String(c.value)))) return { ok: true, patch: null };
  const bottom = Math.max(...plan.cells.map((c) => c.row));
  const rows = Array.from({ length: bottom - section + 1 }, (_, i) => section + i);
  const title = plan.cells.find((c) => c.row === section && c.col === 1)?.value;
  return placed(grid, SHEET_PROFILE, plan, rows, 2, `“${String(title)}”`);
}
