/**
 * 插入模板 on a workbook holding the template of an earlier version (no section 七 on 基础数据表, no
 * 预算执行率封顶 on 指标体系): what is new is added below, and nothing already there moves or changes.
 */
import { FIELDS } from '../../src/engine/fields';
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import { dataSheetPatch, profileSheetPatch, transplantRows } from '../../src/excel/upgrade';
import { MAX_READ_CELLS } from '../../src/layout/bounds';
import type { Grid } from '../../src/layout/grid';
import { nameConflictMessage } from '../../src/layout/ownership';
import { SHEET_DATA, SHEET_PROFILE, SHEET_SCORES, type SheetPlan } from '../../src/layout/plan';
import { profileSheetPlan } from '../../src/layout/profileSheet';
import { DATA_ROWS, dataSheetPlan } from '../../src/layout/template';
import { FOREIGN_SHEET, SEED_VALUES, olderTemplatePlans, seededWorkbook, type FakeSheet, type FakeWorkbook } from '../support/fakeExcel';
import { mostCellsRead, rowWith, serviceOver, wholeState } from './harness';

const NARRATIVE = FIELDS.filter((f) => f.section === 'G');
const TODAY_PROFILE = profileSheetPlan(DEFAULT_PROFILE);
const CAP_SECTION = Math.max(...TODAY_PROFILE.cells.filter((c) => c.col === 1 && c.style === 'section').map((c) => c.row));
const PROFILE_LAST = Math.max(...TODAY_PROFILE.cells.map((c) => c.row));
const UPGRADED =
  `模板已更新到当前版本：在“基础数据表”第61–67行补充了填报项（“七、报告信息（选填）”6项）；` +
  `在“指标体系”第${CAP_SECTION}–${PROFILE_LAST}行补充了“预算执行率封顶（选填）”。已填写的内容和名称均未改动。`;

/** Every cell and name of the workbook, to show that none of them changed. */
function everything(book: FakeWorkbook): { cells: Map<string, unknown>; names: Map<string, string | undefined> } {
  const cells = new Map<string, unknown>();
  for (const sheet of book.sheets) for (const [at, cell] of sheet.cells) cells.set(`${sheet.name}!${at}`, JSON.parse(JSON.stringify(cell)));
  return { cells, names: new Map(book.names.map((n) => [n.name, book.nameFormula(n.name)])) };
}

/** A plan as a grid read from A1 to `bottom` × `right`. */
function gridOf(plan: SheetPlan, bottom: number, right: number): Grid {
  const values = Array.from({ length: bottom }, () => Array<string | number | boolean | null>(right).fill(null));
  for (const c of plan.cells) if (c.row <= bottom && c.col <= right && c.value !== '') values[c.row - 1][c.col - 1] = c.value;
  return { top: 1, left: 1, values };
}

describe('插入模板 on an older template', () => {
  test('adds section 七 and the cap section below what is there, in 3 syncs, keeping every filled cell and name', async () => {
    const book = seededWorkbook(SEED_VALUES, { older: true });
    book.setCell(SHEET_DATA, 'E12', '已与财务科核对');
    const { service } = serviceOver(book);
    const before = everything(book);
    expect(book.name('benefits')).toBeUndefined();

    expect(await service.insertTemplate()).toEqual({ kind: 'done', message: UPGRADED });
    // Read 1, content 1, look 1 (no drop-downs among the rows added; panes, print and tab untouched).
    expect(book.syncs).toBe(3);
    expect(mostCellsRead(book)).toBeLessThanOrEqual(MAX_READ_CELLS);

    const after = everything(book);
    for (const [at, cell] of before.cells) expect([at, after.cells.get(at)]).toEqual([at, cell]);
    for (const [name, formula] of before.names) expect([name, after.names.get(name)]).toEqual([name, formula]);
    expect(book.sheetNames()).toEqual([FOREIGN_SHEET, SHEET_DATA, SHEET_PROFILE]);

    // The rows are today's template's: same labels, units, notes, input cells and names.
    const data = book.sheet(SHEET_DATA) as FakeSheet;
    const today = dataSheetPlan(SEED_VALUES);
    for (const c of today.cells.filter((x) => x.row >= DATA_ROWS.sections.G)) {
      expect([c.row, c.col, data.valueAt(c.row, c.col)]).toEqual([c.row, c.col, c.value ?? '']);
    }
    expect(data.value('A61')).toBe('七、报告信息（选填）');
    expect(data.cell('C62')).toMatchObject({ numberFormat: '@', fill: '#FFF2CC', wrapText: true });
    expect(data.rowHeights.get(62)).toBe(today.rowHeights[62]);
    expect(data.merges).toContainEqual({ top: 61, left: 1, bottom: 61, right: 4 });
    for (const f of NARRATIVE) expect(book.nameFormula(f.id)).toBe(`=基础数据表!$C$${DATA_ROWS.fields[f.id]}`);

    const profile = book.sheet(SHEET_PROFILE) as FakeSheet;
    expect(profile.value(`A${CAP_SECTION}`)).toBe('预算执行率封顶（选填）');
    expect([1, 2, 3, 4].map((n) => rowWith(profile, 'B', `cap.${n}`))).toEqual([PROFILE_LAST - 3, PROFILE_LAST - 2, PROFILE_LAST - 1, PROFILE_LAST]);
    expect(profile.cell(`F${PROFILE_LAST}`)).toMatchObject({ value: '', fill: '#FFF2CC' });
    // Sheet-wide settings stay as the officer has them.
    expect([data.frozenRows, data.tabColor, data.pageLayout, data.columnWidths.size]).toEqual([0, '', {}, 0]);
  });

  test('the upgraded workbook scores, and a cap typed into the new rows applies', async () => {
    const book = seededWorkbook(SEED_VALUES, { older: true });
    const { service } = serviceOver(book);
    await service.insertTemplate();
    const row = rowWith(book.sheet(SHEET_PROFILE), 'B', 'cap.1');
    book.edit(SHEET_PROFILE, `F${row}`, 59);
    book.edit(SHEET_PROFILE, `I${row}`, 0.5);
    book.edit(SHEET_DATA, 'C65', '2019年8月10日至9月2日');

    const outcome = await service.score();
    expect(outcome.kind === 'scored' && [outcome.result.total, outcome.result.cap?.uncapped_total]).toEqual([59, 88.65]);
    expect(book.sheet(SHEET_SCORES)?.value('F22')).toBe(59);
    expect(book.sheet('报告草稿')?.value('A13')).toBe('\u3000\u3000评价时间：2019年8月10日至9月2日。');
  });

  test('a second 插入模板 finds nothing to add and says the template is there', async () => {
    const book = seededWorkbook(SEED_VALUES, { older: true });
    const { service } = serviceOver(book);
    await service.insertTemplate();
    const before = wholeState(book);
    expect(await service.insertTemplate()).toMatchObject({ kind: 'failed', message: expect.stringContaining('工作簿中已有本工具插入的') });
    expect(wholeState(book)).toEqual(before);
  });

  test('only 指标体系 is older: only the cap section is added', async () => {
    const book = seededWorkbook(SEED_VALUES);
    book.deleteSheet(book.sheet(SHEET_PROFILE) as FakeSheet);
    book.deleteName('_jxpj_profile');
    book.addPlannedSheet(olderTemplatePlans()[1]);
    const { service } = serviceOver(book);
    expect(await service.insertTemplate()).toEqual({
      kind: 'done',
      message: `模板已更新到当前版本：在“指标体系”第${CAP_SECTION}–${PROFILE_LAST}行补充了“预算执行率封顶（选填）”。已填写的内容和名称均未改动。`,
    });
  });

  test('a name a new row needs that points at a cell of the officer’s: nothing written, their name kept', async () => {
    const book = seededWorkbook(SEED_VALUES, { older: true });
    book.addName('benefits', book.sheet(FOREIGN_SHEET) as FakeSheet, { top: 3, left: 2, bottom: 3, right: 2 });
    const { service } = serviceOver(book);
    const before = wholeState(book);
    expect(await service.insertTemplate()).toEqual({ kind: 'failed', message: nameConflictMessage('benefits', '我的草稿!B3') });
    expect(wholeState(book)).toEqual(before);
  });

  test('a name left by a deleted row (#REF!) is replaced', async () => {
    const book = seededWorkbook(SEED_VALUES, { older: true });
    const scratch = book.addSheet('临时');
    book.addName('benefits', scratch, { top: 1, left: 1, bottom: 1, right: 1 });
    book.deleteSheet(scratch);
    const { service } = serviceOver(book);
    expect((await service.insertTemplate()).kind).toBe('done');
    expect(book.nameFormula('benefits')).toBe(`=基础数据表!$C$${DATA_ROWS.fields.benefits}`);
  });

  test('a protected 基础数据表: refused, nothing written', async () => {
    const book = seededWorkbook(SEED_VALUES, { older: true });
    (book.sheet(SHEET_DATA) as FakeSheet).protected = true;
    const { service } = serviceOver(book);
    const before = wholeState(book);
    expect(await service.insertTemplate()).toMatchObject({ kind: 'failed', message: expect.stringContaining('“基础数据表”受工作表保护') });
    expect(wholeState(book)).toEqual(before);
  });

  test('content at the bottom of the area read: no room that could be checked, so nothing is written', async () => {
    const book = seededWorkbook(SEED_VALUES, { older: true });
    // 基础数据表 is read to row 267 (its last template row, 67, and 200 more): seven rows from 263 would pass it.
    book.setCell(SHEET_DATA, 'A262', '台账');
    const { service } = serviceOver(book);
    const before = wholeState(book);
    expect(await service.insertTemplate()).toEqual({
      kind: 'failed',
      message:
        '无法在“基础数据表”末尾补充新版模板的填报项（“七、报告信息（选填）”6项）：模板下方直到第262行都有内容，再往下的行不在本工具读取的范围内。请清理模板下方的内容后重试。未写入任何内容。',
    });
    expect(wholeState(book)).toEqual(before);
  });
});

test('载入示例数据 into an older template fills its input cells and nothing below it (2 syncs, no question)', async () => {
  const book = seededWorkbook({}, { older: true });
  book.setCell(SHEET_DATA, 'C62', '我的备注');
  const { service } = serviceOver(book);

  expect(await service.loadSample()).toMatchObject({ kind: 'done' });
  expect(book.syncs).toBe(2);
  const data = book.sheet(SHEET_DATA) as FakeSheet;
  expect([data.value('C5'), data.value('C18'), data.value('C60'), data.value('C62')]).toEqual(['南昌市总工会职工服务中心', 26.48, '否', '我的备注']);
});

describe('the patches (pure)', () => {
  test('rows appended after the last used row; a section already on the sheet gets its heading again, marked （补充）', () => {
    const plan = dataSheetPlan(SEED_VALUES);
    // The officer deleted the row of 重点项目支出预算 and its name went with it.
    const without = { ...plan, cells: plan.cells.filter((c) => c.row !== DATA_ROWS.fields.key_project_budget) };
    const names = new Map(plan.names.filter((n) => n.name !== 'key_project_budget').map((n) => [n.name, { row: n.row, col: n.col }]));
    const outcome = dataSheetPatch(gridOf(without, 267, 4), names);
    expect(outcome.ok && outcome.patch && [outcome.patch.rows, outcome.patch.what]).toEqual([[68, 69], '填报项（“三、预算与决算（万元）”1项）']);
    const cells = outcome.ok ? outcome.patch?.plan.cells ?? [] : [];
    expect(cells.filter((c) => c.col === 1).map((c) => [c.row, c.value])).toEqual([
      [68, '三、预算与决算（万元）（补充）'],
      [69, '重点项目支出预算'],
    ]);
    expect(outcome.ok && outcome.patch?.plan.names).toEqual([{ name: 'key_project_budget', row: 69, col: 3 }]);
  });

  test('today’s template needs nothing', () => {
    const plan = dataSheetPlan(SEED_VALUES);
    const names = new Map(plan.names.map((n) => [n.name, { row: n.row, col: n.col }]));
    expect(dataSheetPatch(gridOf(plan, 267, 4), names)).toEqual({ ok: true, patch: null });
    expect(profileSheetPatch(gridOf(TODAY_PROFILE, 220, 15))).toEqual({ ok: true, patch: null });
  });

  test('transplanted rows keep their cells, single-row merges, heights, names and lists, nothing sheet-wide', () => {
    const plan = dataSheetPlan();
    const yesno = DATA_ROWS.fields.pm_goals_quantified;
    const moved = transplantRows(plan, [DATA_ROWS.sections.F, yesno], 100);
    expect(moved.cells.map((c) => c.row)).toEqual([100, 100, 100, 100, 101, 101, 101, 101]);
    expect(moved.merges).toEqual([{ top: 100, left: 1, bottom: 100, right: 4 }]);
    expect(moved.names).toEqual([{ name: 'pm_goals_quantified', row: 101, col: 3 }]);
    expect(moved.listValidations).toEqual([{ row: 101, col: 3, list: ['是', '否'] }]);
    expect([moved.columnWidths, moved.freezeRows, moved.tabColor]).toEqual([[], 0, undefined]);
  });
});
