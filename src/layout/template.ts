/**
 * The standard template sheet 基础数据表: where each field sits, how it looks, and how a filled
 * sheet is read back (by defined name, falling back to the label in column A).
 */
import { FIELDS, SECTIONS, fieldUnit, type FieldDef } from '../engine/fields';
import type { RawInputs, RawValue } from '../engine/types';
import { type Grid, gridText, gridValue, gridBottom } from './grid';
import { PlanBuilder, SHEET_DATA, fitRowHeight, sheetCell, type PlanValue, type SheetPlan } from './plan';

export const DATA_COLUMNS = { label: 1, unit: 2, input: 3, note: 4 } as const;
const WIDTHS = [52, 8, 20, 46];
const FIRST_SECTION_ROW = 4;

const NUMBER_FORMATS: Partial<Record<FieldDef['kind'], string>> = {
  amount: '0.00',
  percent: '0.00%',
  count: '0',
  year: '0',
  text: '@',
};

/** Each field's row on the template, and each section's heading row. */
export const DATA_ROWS: { fields: Record<string, number>; sections: Record<string, number>; last: number } = (() => {
  const fields: Record<string, number> = {};
  const sections: Record<string, number> = {};
  let row = FIRST_SECTION_ROW;
  for (const s of SECTIONS) {
    sections[s.id] = row++;
    for (const f of FIELDS.filter((d) => d.section === s.id)) fields[f.id] = row++;
  }
  return { fields, sections, last: row - 1 };
})();

export function dataCellOf(fieldId: string): string {
  return sheetCell(SHEET_DATA, DATA_ROWS.fields[fieldId], DATA_COLUMNS.input);
}

function requirementNote(f: FieldDef): string {
  if (f.defaultNote) return f.defaultNote;
  const base = f.required ? '必填' : '选填';
  switch (f.kind) {
    case 'amount':
      return `${base}；万元，保留两位小数`;
    case 'percent':
      return `${base}；百分比，如 95%`;
    case 'count':
      return `${base}；整数`;
    case 'yesno':
      return `${base}；从下拉列表选择“是”或“否”`;
    case 'year':
      return `${base}；四位年份，如 2018`;
    default:
      return base;
  }
}

/** The 基础数据表 plan; `values` fills the input cells (a sample, or a JSON input being converted). */
export function dataSheetPlan(values: Record<string, PlanValue> = {}): SheetPlan {
  const b = new PlanBuilder(SHEET_DATA, WIDTHS);
  const { label, unit, input, note } = DATA_COLUMNS;
  b.merged(1, label, note, '部门整体支出绩效评价 基础数据表', 'title').height(1, 28);
  b.merged(2, label, note, '黄色单元格为填报项。金额单位：万元（保留两位小数）；百分比直接输入如 95%；是/否项从下拉列表选择。填好后在“绩效自评助手”中点“计算评分”。', 'subtitle');
  b.height(2, 32);
  b.set(3, label, '项目', 'header').set(3, unit, '单位', 'header').set(3, input, '填报值', 'header').set(3, note, '填报说明', 'header');
  for (const s of SECTIONS) {
    b.merged(DATA_ROWS.sections[s.id], label, note, s.title, 'section');
  }
  for (const f of FIELDS) {
    const row = DATA_ROWS.fields[f.id];
    const noteText = requirementNote(f);
    b.set(row, label, f.label, 'label');
    b.set(row, unit, fieldUnit(f), 'unit');
    // Narrative (section 七) is long text: left-aligned and wrapped, in a taller row.
    const narrative = f.kind === 'text' && !f.required;
    b.set(row, input, values[f.id] ?? null, narrative ? 'inputText' : 'input', NUMBER_FORMATS[f.kind]);
    b.set(row, note, noteText, 'note');
    b.plan.names.push({ name: f.id, row, col: input });
    if (f.kind === 'yesno') b.plan.listValidations.push({ row, col: input, list: ['是', '否'] });
    const h = fitRowHeight([
      { text: f.label, width: WIDTHS[0] },
      { text: noteText, width: WIDTHS[3] * 1.1 },
    ]);
    if (narrative) b.height(row, Math.max(h, 60));
    else if (h > 18) b.height(row, h);
  }
  b.plan.freezeRows = 3;
  b.plan.print = { landscape: false, titleRows: [3, 3] };
  b.plan.tabColor = 'FFC000';
  return b.plan;
}

/**
 * Reads a filled 基础数据表: each field from its defined name when the workbook has it, else from
 * the row whose column-A text is its label (the n-th field sharing a label takes the n-th such row).
 */
export function readDataSheet(grid: Grid, names: Map<string, { row: number; col: number }>): RawInputs {
  const values: Record<string, RawValue> = {};
  const cells: Record<string, string> = {};
  const labelRows = new Map<string, number[]>();
  for (let r = grid.top; r <= gridBottom(grid); r++) {
    const text = gridText(grid, r, DATA_COLUMNS.label);
    if (text) labelRows.set(text, [...(labelRows.get(text) ?? []), r]);
  }
  const seen = new Map<string, number>();
  for (const f of FIELDS) {
    const nth = seen.get(f.label) ?? 0;
    seen.set(f.label, nth + 1);
    const pos = names.get(f.id) ?? labelPosition(labelRows.get(f.label), nth);
    if (!pos) continue;
    values[f.id] = gridValue(grid, pos.row, pos.col);
    cells[f.id] = sheetCell(SHEET_DATA, pos.row, pos.col);
  }
  return { values, cells };
}

function labelPosition(rows: number[] | undefined, nth: number): { row: number; col: number } | undefined {
  const row = rows?.[nth];
  return row === undefined ? undefined : { row, col: DATA_COLUMNS.input };
}
